package org.diplomacytracker.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real tracker server, started the way it is deployed — {@code java -jar tracker.jar serve} in
 * a JVM of its own — so that what is measured includes its HTTP stack, its threads and its heap, and
 * its memory can be read from outside, from {@code /proc/<pid>/status}, without disturbing it.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^\\s:]+:(\\d+))");
    private static final long STARTUP_TIMEOUT_SECONDS = 120;
    /** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux the JDK runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final URI base;
    private final Path log;
    private final ScheduledExecutorService sampler;
    private final AtomicLong maxSampledRssKb = new AtomicLong();
    /** Stops the server if the driver itself is stopped (Ctrl-C): a child JVM would outlive it. */
    private final Thread reaper;

    /** The server's memory as the kernel saw it: the highest sampled VmRSS and the VmHWM high-water mark. */
    record Memory(long maxSampledRssKb, long highWaterKb) {
        long peakKb() {
            return Math.max(maxSampledRssKb, highWaterKb);
        }
    }

    private ServerProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> maxSampledRssKb.accumulateAndGet(statusKb("VmRSS"), Math::max),
                0, 100, TimeUnit.MILLISECONDS);
        this.reaper = new Thread(process::destroyForcibly, "server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts {@code java -Xmx… [jvmOptions] -jar jar serve --port 0 storeArgs} and returns once it
     * printed its "listening on" line. Its standard output and error go to {@code log}.
     */
    static ServerProcess start(Path jar, String heap, List<String> jvmOptions, List<String> storeArgs, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", "0"));
        command.addAll(storeArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // the benchmark writes without tokens; a TRACKER_TOKENS of the caller's shell must not leak in
        builder.environment().remove("TRACKER_TOKENS");
        Process process = builder.start();

        CompletableFuture<URI> listening = new CompletableFuture<>();
        BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        // drains the output for the server's whole life: a full pipe would block the server
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); out) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    Matcher m = LISTENING.matcher(line);
                    if (!listening.isDone() && m.find()) {
                        listening.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IOException("the server exited before listening"));
        }, "server-output");
        reader.setDaemon(true);
        reader.start();

        try {
            URI base = listening.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new ServerProcess(process, base, log);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the server did not start; its log " + log + " ends with:\n" + tail(log), e);
        }
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** The memory so far; the high-water mark covers the whole life of the process, start-up included. */
    Memory memory() {
        return new Memory(maxSampledRssKb.get(), statusKb("VmHWM"));
    }

    /**
     * CPU time the server has used so far (user + system, all threads, GC included), from
     * {@code /proc/<pid>/stat}. Unlike wall time, it hardly changes when other work shares the cores,
     * so CPU per development is the steadier measure of what ingest costs.
     */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // fields after the command name, which sits in parentheses and may contain spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The time the server's JIT compiler threads have spent compiling since it started (HotSpot's
     * {@code java.ci.totalTime}, read with {@code jcmd PerfCounter.print}: what
     * {@code CompilationMXBean.getTotalCompilationTime} reports in-process); -1 when it cannot be read.
     * Asked outside the measured part only: {@code jcmd} is a JVM of its own.
     */
    long compileNanos() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "PerfCounter.print")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return -1;
            }
            Matcher ticks = Pattern.compile("(?m)^java\\.ci\\.totalTime=(\\d+)").matcher(out);
            Matcher frequency = Pattern.compile("(?m)^sun\\.os\\.hrt\\.frequency=(\\d+)").matcher(out);
            if (!ticks.find() || !frequency.find()) {
                return -1;
            }
            return (long) (Long.parseLong(ticks.group(1)) * (1e9 / Long.parseLong(frequency.group(1))));
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sends SIGTERM (the server's shutdown hook closes the store) and waits for the process to end. */
    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the driver is shutting down: the hook stops the server
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A {@code kB} line of {@code /proc/<pid>/status}; 0 once the process is gone. */
    private long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone or not Linux: no sample
        }
        return 0;
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
