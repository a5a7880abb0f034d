package org.diplomacytracker.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.diplomacytracker.core.TrackerConfiguration;
import org.diplomacytracker.core.store.StoreSettings;

/**
 * A floor — (a) Axon's publish or (b) a plain JDBC insert — run in a JVM of its own, as each server
 * run is: a fresh JVM, the same warm-up sets appended to the same store first, then the measured set,
 * timed. So a floor's code is no warmer than the server's when it is measured: had the floors run in
 * the driver's JVM, every run after the first would have found their code compiled by the runs
 * before, while each server starts cold.
 *
 * <p>The child rebuilds the data set from the same seed and sizes, so nothing large crosses the
 * process boundary; it prints one line, {@code RESULT <count> <wall ns> <cpu ns>}, and exits.
 */
final class FloorProcess {

    private static final String RESULT = "RESULT ";
    private static final long TIMEOUT_MINUTES = 60;

    /**
     * What one measured floor run gave: developments, wall time, the JVM's CPU time of the timed part and
     * the time its JIT compiler threads spent compiling during it (-1 when unknown).
     */
    record Result(long count, long wallNanos, long cpuNanos, long compileNanos) {
    }

    private FloorProcess() {
    }

    /**
     * Runs {@code phase} ("axon" or "jdbc") in a new JVM with the given heap on the store the server
     * arguments name ({@code --data DIR} or {@code --db URL}); its output goes to {@code log}.
     */
    static Result run(String phase, List<String> storeArgs, String heap, long seed, int processes, int perProcess,
                      int warmupPerProcess, int warmupRounds, int batch, FloorIds ids, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FloorProcess.class.getName());
        command.add(phase);
        command.addAll(storeArgs);
        for (long n : new long[] {seed, processes, perProcess, warmupPerProcess, warmupRounds, batch}) {
            command.add(Long.toString(n));
        }
        command.add(ids.name());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("floor " + phase + " still running after " + TIMEOUT_MINUTES
                        + " min; log " + log);
            }
        } finally {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log);
        for (String line : lines) {
            if (line.startsWith(RESULT)) {
                String[] f = line.substring(RESULT.length()).trim().split(" ");
                return new Result(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                        f.length > 3 ? Long.parseLong(f[3]) : -1);
            }
        }
        throw new IllegalStateException("floor " + phase + " exited with " + process.exitValue()
                + " and no result; log " + log + " ends with:\n" + ServerProcess.tail(log));
    }

    public static void main(String[] args) throws Exception {
        TrackerConfiguration.disableTelemetry();
        String phase = args[0];
        String storeFlag = args[1];
        String storeValue = args[2];
        long seed = Long.parseLong(args[3]);
        int processes = Integer.parseInt(args[4]);
        int perProcess = Integer.parseInt(args[5]);
        int warmupPerProcess = Integer.parseInt(args[6]);
        int warmupRounds = Integer.parseInt(args[7]);
        int batch = Integer.parseInt(args[8]);
        FloorIds ids = FloorIds.valueOf(args[9]);
        StoreSettings store = switch (storeFlag) {
            case "--data" -> StoreSettings.embedded(Path.of(storeValue));
            case "--db" -> StoreSettings.jdbc(storeValue, null, null);
            default -> throw new IllegalArgumentException("unknown store flag " + storeFlag);
        };
        // no NDJSON bodies: the floors post nothing
        IngestBenchmark.Data data = IngestBenchmark.Data.build(seed, processes, perProcess, warmupPerProcess,
                warmupRounds, batch, List.of(), ids);
        boolean axon = switch (phase) {
            case "axon" -> true;
            case "jdbc" -> false;
            default -> throw new IllegalArgumentException("unknown phase " + phase);
        };
        for (int round = 0; round < warmupRounds; round++) {
            IngestBenchmark.WarmRound warm = data.warmup(round);
            if (axon) {
                AxonPublishFloor.run(store, warm.developments, batch, ids);
            } else {
                JdbcInsertFloor.run(store, warm.rows(ids), batch);
            }
        }
        if (storeFlag.equals("--db")) {
            checkpoint(storeValue); // as before the server's measured part: the warm-up's writes flushed
        }
        List<JdbcInsertFloor.Row> rows = axon ? null : data.measuredRows(); // serialized before the clock starts
        System.gc();
        long compile = IngestBenchmark.ownCompileNanos();
        long cpu = IngestBenchmark.ownCpuNanos();
        long nanos = axon
                ? AxonPublishFloor.run(store, data.measured, batch, ids)
                : JdbcInsertFloor.run(store, rows, batch);
        cpu = IngestBenchmark.ownCpuNanos() - cpu;
        compile = compile < 0 ? -1 : IngestBenchmark.ownCompileNanos() - compile;
        System.out.println(String.format(Locale.ROOT, "%s%d %d %d %d", RESULT, data.measured.size(), nanos, cpu,
                compile));
        System.exit(0);
    }

    private static void checkpoint(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }
}
