package org.diplomacytracker.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code tracker.jar} (path in the system property {@code tracker.jar}, set by failsafe)
 * started as a separate process, as a user starts it.
 */
public final class TrackerJar {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private TrackerJar() {
    }

    /** What a finished command left behind. */
    public record Finished(int exitCode, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** The non-blank lines of standard error. */
        public List<String> errLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out() + "\n--- stderr\n" + stderr;
        }
    }

    public static Path jar() {
        String path = System.getProperty("tracker.jar");
        assertThat(path).as("system property tracker.jar (set by failsafe)").isNotBlank();
        Path jar = Path.of(path);
        assertThat(jar).as("the packaged jar").isRegularFile();
        return jar;
    }

    private static ProcessBuilder command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /** Runs a command to its end (at most {@code timeout}) and returns what it wrote. */
    public static Finished run(Duration timeout, String... args) {
        try {
            Process process = command(List.of(args)).redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .start();
            Drain out = Drain.start(process.getInputStream());
            Drain err = Drain.start(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("tracker " + String.join(" ", args) + " did not finish in " + timeout
                        + "\n--- stderr\n" + err.text());
            }
            byte[] stdout = out.bytes();
            err.await();
            return new Finished(process.exitValue(), stdout, err.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Starts {@code serve … --port 0} and waits for its "listening on" line. */
    public static Server serve(String... args) {
        List<String> all = new ArrayList<>(List.of("serve", "--port", "0"));
        all.addAll(List.of(args));
        try {
            Process process = command(all).start();
            return new Server(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A running {@code serve}. */
    public static final class Server implements AutoCloseable {
        private final Process process;
        private final Drain err;
        private final BlockingQueue<String> outLines = new LinkedBlockingQueue<>();
        private final int port;

        private Server(Process process) {
            this.process = process;
            this.err = Drain.start(process.getErrorStream());
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        outLines.add(line);
                    }
                } catch (IOException e) {
                    // the process ended; whatever it wrote is in the queue
                } finally {
                    outLines.add("\u0000eof");
                }
            }, "tracker-stdout");
            reader.setDaemon(true);
            reader.start();
            this.port = awaitPort(Duration.ofSeconds(60));
        }

        private int awaitPort(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    String line = outLines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (line == null || line.equals("\u0000eof")) {
                        process.destroyForcibly();
                        throw new AssertionError((line == null ? "no 'listening on' line within " + timeout
                                : "serve ended before listening") + "\n--- stderr\n" + err.text());
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new AssertionError("interrupted", e);
            }
        }

        public int port() {
            return port;
        }

        public Api api() {
            return Api.at(port);
        }

        public String stderr() {
            return err.text();
        }

        /** Sends SIGTERM and waits for the process to end; returns its exit code. */
        public int stop() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("serve did not stop within 30 s of SIGTERM\n--- stderr\n" + err.text());
                }
                err.await();
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Reads a stream to its end on a thread of its own, so that the process never blocks on a full pipe. */
    private static final class Drain {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream in) {
            thread = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(chunk)) >= 0; ) {
                        synchronized (buffer) {
                            buffer.write(chunk, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "tracker-drain");
            thread.setDaemon(true);
        }

        static Drain start(InputStream in) {
            Drain drain = new Drain(in);
            drain.thread.start();
            return drain;
        }

        void await() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }

        byte[] bytes() throws InterruptedException {
            await();
            synchronized (buffer) {
                return buffer.toByteArray();
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** Reads a file the tracker wrote. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
