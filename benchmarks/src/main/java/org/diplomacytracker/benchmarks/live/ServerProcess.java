package org.diplomacytracker.benchmarks.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server started as its own process: its port, /proc figures, jcmd, and a bounded stop. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    final String name;
    final Process process;
    final Path log;
    final int port;
    final List<String> command;

    private ServerProcess(String name, Process process, Path log, int port, List<String> command) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.command = command;
    }

    static ServerProcess start(String name, List<String> command, Path log) throws Exception {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                ServerProcess sp = new ServerProcess(name, p, log, Integer.parseInt(m.group(1)), command);
                System.out.printf("[%s] pid %d listening on 127.0.0.1:%d%n", name, p.pid(), sp.port);
                return sp;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new IllegalStateException(name + " did not start within 120 s: " + Files.readString(log));
    }

    long pid() {
        return process.pid();
    }

    /** A field of /proc/PID/status in kB (VmRSS, VmHWM), or -1. */
    long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** utime + stime of the process, in clock ticks (1/100 s). */
    long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    String jcmd(String... args) {
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(pid())));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "jcmd timed out";
            }
            return new String(p.getInputStream().readAllBytes());
        } catch (Exception e) {
            return "jcmd failed: " + e;
        }
    }

    /** "used U MB of T MB" from GC.heap_info's first line (G1 or other). */
    String heapInfo() {
        String out = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
        if (m.find()) {
            return String.format("%d MB used / %d MB committed", Long.parseLong(m.group(2)) / 1024,
                    Long.parseLong(m.group(1)) / 1024);
        }
        return out.strip().replace('\n', ' ');
    }

    long heapUsedMb() {
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(jcmd("GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(2)) / 1024 : -1;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: the server's shutdown hook closes cleanly
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        System.out.printf("[%s] pid %d stopped (exit %s)%n", name, pid(),
                process.isAlive() ? "still alive!" : Integer.toString(process.exitValue()));
    }
}
