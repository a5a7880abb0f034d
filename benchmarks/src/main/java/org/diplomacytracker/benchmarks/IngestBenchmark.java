package org.diplomacytracker.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.diplomacytracker.core.TrackerConfiguration;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ingest benchmark: the synthetic data set posted as NDJSON batches to the real server, beside
 * the framework floor (Axon's {@code EventStore.publish}) and the physical floor (a plain JDBC batch
 * insert), on the embedded H2 file store and on PostgreSQL, in one run, on one machine.
 *
 * <p>Every measured phase works on a fresh store and is run {@code --runs} times; the report gives
 * medians. Warm-up, never measured, and the same for every phase: each server — a fresh JVM per run —
 * first ingests the warm-up sets (other process ids) over the same connections, then the measured
 * set; each floor — also a fresh JVM per run ({@link FloorProcess}) — first appends the same warm-up
 * sets to the same store, then the measured set. So every phase's measured part starts on a store of
 * the same size, with its code warmed alike.
 */
@Command(name = "ingest-benchmark", mixinStandardHelpOptions = true,
        description = "Measure NDJSON ingest over HTTP against Axon's publish and a plain JDBC insert.")
public final class IngestBenchmark implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs of every phase (median reported; default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--processes", defaultValue = "10", description = "Processes in the data set (default ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--per-process", defaultValue = "10000", description = "Developments per process (default ${DEFAULT-VALUE}).")
    int perProcess;

    @Option(names = "--warmup-per-process", defaultValue = "10000",
            description = "Warm-up developments per process (default ${DEFAULT-VALUE}: with 1,000, the server's JIT compiler"
                    + " still took about half of its CPU during the measured part).")
    int warmupPerProcess;

    @Option(names = "--warmup-rounds", defaultValue = "1",
            description = "Warm-up sets posted (HTTP) or published (floors) before the measured set, each over its own"
                    + " processes (default ${DEFAULT-VALUE}). More rounds measure a server whose JIT compiler has settled.")
    int warmupRounds;

    @Option(names = "--settle-seconds", defaultValue = "3",
            description = "Idle pause between the HTTP warm-up and the measured posts, for the server's JIT (default ${DEFAULT-VALUE}).")
    int settleSeconds;

    @Option(names = "--batch", defaultValue = "1000", description = "Developments per NDJSON batch / publish / JDBC batch (default ${DEFAULT-VALUE}).")
    int batch;

    static final long DEFAULT_SEED = 20241128L;

    @Option(names = "--seed", defaultValue = "" + DEFAULT_SEED, description = "Seed of the synthetic data set (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--connections", split = ",", defaultValue = "1,2", description = "Concurrent HTTP connections to try (default ${DEFAULT-VALUE}).")
    List<Integer> connections;

    @Option(names = "--stores", split = ",", defaultValue = "h2,pg", description = "Stores to measure: h2, pg (default ${DEFAULT-VALUE}).")
    List<String> stores;

    @Option(names = "--phases", split = ",", defaultValue = "http,axon,jdbc", description = "Phases: http, axon, jdbc (default ${DEFAULT-VALUE}).")
    List<String> phases;

    @Option(names = "--floor-ids", defaultValue = "tracker",
            description = "Event identifiers of the floors' events: tracker (the time-ordered ones the tracker's events "
                    + "carry: the same events, the strict comparison) or axon (random UUIDs, Axon's default) "
                    + "(default ${DEFAULT-VALUE}).")
    FloorIds floorIds;

    @Option(names = "--pg-url", defaultValue = "${env:TRACKER_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}",
            description = "Base PostgreSQL URL; each fresh store is a schema created in it and dropped after (default: $TRACKER_BENCH_PG_URL or ${DEFAULT-VALUE}).")
    String pgUrl;

    @Option(names = "--jar", description = "The server jar (default: tracker-web/target/tracker.jar here or one folder up).")
    Path jar;

    @Option(names = "--server-heap", defaultValue = "3g", description = "The -Xmx of the server and of each floor's JVM (default ${DEFAULT-VALUE}).")
    String serverHeap;

    @Option(names = "--server-opt", description = "Extra JVM option for the server, repeatable (e.g. -XX:StartFlightRecording=...).")
    List<String> serverOptions = new ArrayList<>();

    @Option(names = "--work", description = "Work folder for stores and server logs (default: a new temp folder, deleted after a successful run).")
    Path work;

    @Option(names = "--report", description = "Also write the markdown report to this file.")
    Path reportFile;

    public static void main(String[] args) {
        // before anything touches Axon: no console banner, no update checker
        TrackerConfiguration.disableTelemetry();
        System.exit(new CommandLine(new IngestBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    /** The medians of one store, and the runs behind them. */
    private record StoreResult(String store, Map<Integer, List<HttpRun>> http, List<FloorRun> axon,
                               List<FloorRun> jdbc, String note) {
    }

    /** One measured run; {@code load} is the 1-minute load average when it started. */
    private record HttpRun(double rate, ServerProcess.Memory memory, long storeBytes, String load, double cpuMsPer1k,
                           double jitMsPer1k) {
    }

    private record FloorRun(double rate, long storeBytes, String load, double cpuMsPer1k, double jitMsPer1k) {
    }

    /** CPU time of this JVM, all threads: what a floor costs (for PostgreSQL, the database's own work is not in it). */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The time this JVM's JIT compiler threads have spent compiling so far; -1 when it does not say. */
    public static long ownCompileNanos() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported()
                ? jit.getTotalCompilationTime() * 1_000_000L : -1;
    }

    /** The compiler's ms per 1,000, or a dash where it could not be read. */
    private static String jit(double msPer1k) {
        return Double.isNaN(msPer1k) ? "–" : String.format(Locale.ROOT, "%.0f", msPer1k);
    }

    private static double msPer1k(long cpuNanos, long count) {
        return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e6 / (count / 1000.0);
    }

    @Override
    public Integer call() throws Exception {
        boolean ownWork = work == null;
        Path workDir = ownWork ? Files.createTempDirectory("tracker-bench-") : Files.createDirectories(work);
        // a copy, so that a rebuild of the tree during the run cannot swap the server under it
        Path serverJar = Files.copy(locateJar(), workDir.resolve("tracker.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> facts = MachineFacts.collect();
        facts.forEach(f -> System.out.println("# " + f));

        Data data = Data.build(seed, processes, perProcess, warmupPerProcess, warmupRounds, batch, connections, floorIds);
        System.out.printf(Locale.ROOT, "# data set: %d developments in %d processes, %d NDJSON batches of %d (%.1f MB), types: %s%n",
                data.measured.size(), processes, data.measured.size() / batch, batch, data.ndjsonBytes / 1e6,
                data.census);

        List<StoreResult> results = new ArrayList<>();
        for (String name : stores) {
            BenchStore kind;
            if (name.equalsIgnoreCase("h2")) {
                kind = new BenchStore.H2(workDir);
            } else if (name.equalsIgnoreCase("pg")) {
                BenchStore.Postgres pg = new BenchStore.Postgres(pgUrl);
                String why = pg.unreachable();
                if (why != null) {
                    System.out.println("# PostgreSQL skipped: " + redact(pgUrl) + " is unreachable (" + why + ")");
                    results.add(new StoreResult("PostgreSQL", Map.of(), List.of(), List.of(),
                            "skipped: " + redact(pgUrl) + " unreachable"));
                    continue;
                }
                facts.add(pg.version() + " at " + redact(pgUrl));
                kind = pg;
            } else {
                throw new CommandLine.ParameterException(new CommandLine(this), "unknown store '" + name + "': use h2 or pg");
            }
            results.add(measure(kind, data, serverJar, workDir));
        }

        facts.add("load average at end " + MachineFacts.loadAverage());
        String report = Report.markdown(facts, data, results, this);
        System.out.println();
        System.out.println(report);
        if (reportFile != null) {
            Files.writeString(reportFile, report, StandardCharsets.UTF_8);
        }
        if (ownWork) {
            BenchStore.deleteTree(workDir);
        }
        return 0;
    }

    private StoreResult measure(BenchStore kind, Data data, Path serverJar, Path workDir) throws Exception {
        Map<Integer, List<HttpRun>> http = new LinkedHashMap<>();
        List<FloorRun> axon = new ArrayList<>();
        List<FloorRun> jdbc = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            // phases alternate within a run, so that a slow spell of the machine hits all of them alike
            if (phases.contains("http")) {
                for (int c : connections) {
                    HttpRun r = httpRun(kind, data, c, run, serverJar, workDir);
                    http.computeIfAbsent(c, k -> new ArrayList<>()).add(r);
                    progress(kind, run, "HTTP ingest, " + c + " conn.", r.rate, r.storeBytes, r.load,
                            String.format(Locale.ROOT, ", server peak RSS %s, server CPU %.0f ms/1k (JIT %s)",
                                    mib(r.memory.peakKb() * 1024), r.cpuMsPer1k, jit(r.jitMsPer1k)));
                }
            }
            if (phases.contains("axon")) {
                FloorRun r = floorRun(kind, "axon", run, workDir);
                axon.add(r);
                progress(kind, run, "(a) Axon publish", r.rate, r.storeBytes, r.load,
                        String.format(Locale.ROOT, ", JVM CPU %.0f ms/1k (JIT %s)", r.cpuMsPer1k, jit(r.jitMsPer1k)));
            }
            if (phases.contains("jdbc")) {
                FloorRun r = floorRun(kind, "jdbc", run, workDir);
                jdbc.add(r);
                progress(kind, run, "(b) JDBC insert", r.rate, r.storeBytes, r.load,
                        String.format(Locale.ROOT, ", JVM CPU %.0f ms/1k (JIT %s)", r.cpuMsPer1k, jit(r.jitMsPer1k)));
            }
        }
        return new StoreResult(kind.name(), http, axon, jdbc, null);
    }

    /** One floor run in a JVM of its own, on a fresh store, after the same warm-up sets as the server's. */
    private FloorRun floorRun(BenchStore kind, String phase, int run, Path workDir) throws Exception {
        try (BenchStore.Fresh fresh = kind.fresh(phase)) {
            Path log = workDir.resolve(String.format(Locale.ROOT, "floor-%s-%s-run%d.log",
                    kind.name().replaceAll("\\W", "").toLowerCase(Locale.ROOT), phase, run));
            String load = MachineFacts.loadAverage1();
            FloorProcess.Result r = FloorProcess.run(phase, fresh.serverArgs(), serverHeap, seed, processes, perProcess,
                    warmupPerProcess, warmupRounds, batch, floorIds, log);
            return new FloorRun(r.count() / (r.wallNanos() / 1e9), fresh.sizeBytes(), load, msPer1k(r.cpuNanos(), r.count()),
                    msPer1k(r.compileNanos(), r.count()));
        }
    }

    private HttpRun httpRun(BenchStore kind, Data data, int c, int run, Path serverJar, Path workDir) throws Exception {
        try (BenchStore.Fresh fresh = kind.fresh("http" + c)) {
            Path log = workDir.resolve(String.format(Locale.ROOT, "server-%s-c%d-run%d.log",
                    kind.name().replaceAll("\\W", "").toLowerCase(Locale.ROOT), c, run));
            HttpIngest.Result result;
            ServerProcess.Memory memory;
            String load = MachineFacts.loadAverage1();
            long cpu;
            long compile;
            try (ServerProcess server = ServerProcess.start(serverJar, serverHeap, serverOptions, fresh.serverArgs(), log)) {
                try {
                    for (int round = 0; round < warmupRounds; round++) {
                        HttpIngest.post(server.base(), data.warmup(round).batches(c));
                    }
                    kind.quiesce();
                    // let the JIT finish what the warm-up queued, so the measured part is the steady state
                    Thread.sleep(settleSeconds * 1000L);
                    compile = server.compileNanos(); // jcmd: before the clock starts
                    cpu = server.cpuNanos();
                    result = HttpIngest.post(server.base(), data.measuredBatches.get(c));
                    cpu = server.cpuNanos() - cpu;
                    long compiledBy = server.compileNanos();
                    compile = compile < 0 || compiledBy < 0 ? -1 : compiledBy - compile;
                } catch (IOException e) {
                    throw new IOException(e.getMessage() + "\nserver log " + log + " ends with:\n" + ServerProcess.tail(log), e);
                }
                memory = server.memory();
            }
            if (result.developments() != data.measured.size()) {
                throw new IllegalStateException("posted " + result.developments() + " of " + data.measured.size());
            }
            return new HttpRun(result.rate(), memory, fresh.sizeBytes(), load, msPer1k(cpu, result.developments()),
                    msPer1k(compile, result.developments()));
        }
    }

    private void progress(BenchStore kind, int run, String phase, double rate, long bytes, String load, String extra) {
        System.out.printf(Locale.ROOT, "# %s run %d/%d: %-22s %,9.0f /s, store %s%s (load at start %s)%n", kind.name(),
                run, runs, phase, rate, mib(bytes), extra, load);
    }

    private Path locateJar() {
        if (jar != null) {
            if (!Files.isRegularFile(jar)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "no server jar at " + jar);
            }
            return jar.toAbsolutePath();
        }
        for (String candidate : List.of("tracker-web/target/tracker.jar", "../tracker-web/target/tracker.jar")) {
            Path p = Path.of(candidate);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new CommandLine.ParameterException(new CommandLine(this),
                "tracker-web/target/tracker.jar not found: build first (mvn -B -q install -DskipTests) or give --jar");
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / (1024.0 * 1024.0));
    }

    /** The URL without its query (which may carry credentials). */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /**
     * One warm-up set over its own processes, in the shapes the phases need: the developments (Axon's
     * publish), the NDJSON bodies per connection count (HTTP), the rows (JDBC).
     */
    static final class WarmRound {
        private final List<List<Development>> streams;
        private final long seed;
        private final int batch;
        final List<Development> developments;

        WarmRound(List<List<Development>> streams, long seed, int batch) {
            this.streams = streams;
            this.seed = seed;
            this.batch = batch;
            this.developments = SyntheticDevelopments.interleave(streams, seed);
        }

        /** The NDJSON bodies for {@code c} connections (HTTP), made only for the phase that posts them. */
        List<List<byte[]>> batches(int c) {
            return Data.perConnection(streams, c, seed, batch);
        }

        /** The rows with their serialized payloads (JDBC), made only for the phase that inserts them. */
        List<JdbcInsertFloor.Row> rows(FloorIds ids) {
            return JdbcInsertFloor.rows(developments, ids);
        }
    }

    /** The data set in every shape the phases need, built once, before anything is timed. */
    static final class Data {
        final List<Development> measured;
        private final long seed;
        private final int processes;
        private final int warmupPerProcess;
        private final int warmupRounds;
        private final int batch;
        /** Per connection count: one list of NDJSON bodies per connection, over disjoint processes. */
        final Map<Integer, List<List<byte[]>>> measuredBatches = new LinkedHashMap<>();
        private final FloorIds ids;
        final Map<DevelopmentType, Integer> census;
        final long ndjsonBytes;

        private Data(List<List<Development>> streams, long seed, int processes, int warmupPerProcess,
                     int warmupRounds, int batch, List<Integer> connections, FloorIds ids) {
            this.measured = SyntheticDevelopments.interleave(streams, seed);
            this.seed = seed;
            this.processes = processes;
            this.warmupPerProcess = warmupPerProcess;
            this.warmupRounds = warmupRounds;
            this.batch = batch;
            for (int c : connections) {
                measuredBatches.put(c, perConnection(streams, c, seed, batch));
            }
            this.ids = ids;
            this.census = SyntheticDevelopments.census(measured);
            this.ndjsonBytes = measuredBatches.values().stream().findFirst().orElse(List.of()).stream()
                    .flatMap(List::stream).mapToLong(b -> b.length).sum();
        }

        /** The measured set's rows with their serialized payloads (JDBC), made only for the floor that inserts them. */
        List<JdbcInsertFloor.Row> measuredRows() {
            return JdbcInsertFloor.rows(measured, ids);
        }

        /** Warm-up developments over all rounds. */
        int warmupSize() {
            return processes * warmupPerProcess * warmupRounds;
        }

        /**
         * Warm-up round {@code round} (0-based), made afresh on each call (the same every time): the
         * first round's processes are w00…, later ones w1x00…, w2x00…, so no two rounds share a process.
         */
        WarmRound warmup(int round) {
            String prefix = round == 0 ? "w" : "w" + round + "x";
            return new WarmRound(SyntheticDevelopments.processes(seed + 1 + round, prefix, processes, warmupPerProcess),
                    seed + 1 + round, batch);
        }

        static Data build(long seed, int processes, int perProcess, int warmupPerProcess, int warmupRounds, int batch,
                          List<Integer> connections, FloorIds ids) {
            return new Data(SyntheticDevelopments.processes(seed, "p", processes, perProcess), seed, processes,
                    warmupPerProcess, warmupRounds, batch, connections, ids);
        }

        /**
         * Batches for {@code c} concurrent connections. Concurrent batches must not depend on each
         * other — a batch may refer to what the previous one defined — so each connection gets its
         * own share of the processes (contiguous ranges), interleaved within it. With one connection
         * this is the measured order itself.
         */
        static List<List<byte[]>> perConnection(List<List<Development>> streams, int c, long seed, int batch) {
            if (c < 1 || c > streams.size()) {
                throw new IllegalArgumentException("connections must be between 1 and the number of processes, got " + c);
            }
            List<List<byte[]>> out = new ArrayList<>(c);
            for (int g = 0; g < c; g++) {
                List<List<Development>> share = streams.subList(g * streams.size() / c, (g + 1) * streams.size() / c);
                out.add(SyntheticDevelopments.ndjsonBatches(SyntheticDevelopments.interleave(share, seed + g), batch));
            }
            return out;
        }
    }

    /** The markdown report: machine facts, the summary table, every run. */
    static final class Report {
        private Report() {
        }

        static String markdown(List<String> facts, Data data, List<StoreResult> results, IngestBenchmark opts) {
            StringBuilder md = new StringBuilder();
            md.append("Machine: ").append(String.join("; ", facts)).append("\n\n");
            md.append(String.format(Locale.ROOT, "Data set: %,d developments (%d processes × %,d; %d actors, %d issues per process; "
                            + "all %d types), %,d NDJSON batches of %,d lines, %.1f MB of NDJSON. Median of %d run(s) per phase, "
                            + "each on a fresh store, after a warm-up on %,d other developments into the same store (HTTP: then %d s idle, "
                            + "for the server's JIT); the floors' events carry %s event identifiers.%n%n",
                    data.measured.size(), opts.processes, opts.perProcess, SyntheticDevelopments.ACTORS,
                    SyntheticDevelopments.ISSUES, data.census.size(), data.measured.size() / opts.batch, opts.batch,
                    data.ndjsonBytes / 1e6, opts.runs, data.warmupSize(), opts.settleSeconds,
                    opts.floorIds == FloorIds.AXON ? "random (Axon's default)" : "the tracker's time-ordered"));
            md.append("| store | HTTP ingest dev/s | (a) Axon publish ev/s | (b) JDBC insert rows/s | ingest/(a) | ingest/(b) "
                    + "| server peak RSS | store size on disk |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (StoreResult r : results) {
                if (r.note() != null && r.http().isEmpty() && r.axon().isEmpty()) {
                    md.append("| ").append(r.store()).append(" | ").append(r.note()).append(" | | | | | | |\n");
                    continue;
                }
                Integer best = bestConnections(r);
                double ingest = best == null ? Double.NaN : median(r.http().get(best).stream().mapToDouble(HttpRun::rate).toArray());
                double a = median(r.axon().stream().mapToDouble(FloorRun::rate).toArray());
                double b = median(r.jdbc().stream().mapToDouble(FloorRun::rate).toArray());
                String rss = best == null ? "–" : mib(r.http().get(best).stream().mapToLong(h -> h.memory().peakKb()).max().orElse(0) * 1024);
                String size = (best == null ? "" : "HTTP " + mib((long) median(r.http().get(best).stream()
                        .mapToDouble(HttpRun::storeBytes).toArray())) + "; ")
                        + (r.axon().isEmpty() ? "" : "(a) " + mib((long) median(r.axon().stream()
                        .mapToDouble(FloorRun::storeBytes).toArray())) + "; ")
                        + (r.jdbc().isEmpty() ? "" : "(b) " + mib((long) median(r.jdbc().stream()
                        .mapToDouble(FloorRun::storeBytes).toArray())));
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.store(),
                        best == null ? "–" : rate(ingest) + " (" + best + " conn.)", rate(a), rate(b),
                        percent(ingest / a), percent(ingest / b), rss, size));
            }
            md.append("\nHTTP ingest is the best connection count's median; ratios are medians over medians. Server peak RSS: "
                    + "the highest of VmHWM and VmRSS (sampled every 100 ms) over the server's life, max over its runs. "
                    + "Store size on disk (H2: the database file; PostgreSQL: pg_total_relation_size of the event table): "
                    + "every store also holds the warm-up developments, the HTTP store the tracker's snapshots as well.\n");
            md.append("\nCPU time per 1,000 developments (medians; user + system time of the JVM doing the work, all "
                    + "threads and GC included; for PostgreSQL the database server's own CPU is not in it). Wall-time rates "
                    + "move with whatever else runs on the machine; CPU per development hardly does. In brackets, the "
                    + "time the same JVM's JIT compiler threads spent compiling during the measured part, per 1,000 (a "
                    + "server whose compiler is still at work is not yet at its steady state):\n\n");
            md.append("| store | HTTP ingest: server JVM | (a) Axon publish: JVM | (b) JDBC insert: JVM |\n|---|---:|---:|---:|\n");
            for (StoreResult r : results) {
                Integer best = bestConnections(r);
                if (best == null && r.axon().isEmpty() && r.jdbc().isEmpty()) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", r.store(),
                        best == null ? "–" : ms(median(r.http().get(best).stream().mapToDouble(HttpRun::cpuMsPer1k).toArray()))
                                + " [JIT " + ms(median(r.http().get(best).stream().mapToDouble(HttpRun::jitMsPer1k).toArray()))
                                + "] (" + best + " conn.)",
                        floorCpu(r.axon()), floorCpu(r.jdbc())));
            }
            md.append("\nEvery run, per second, with the 1-minute load average when the run started in brackets "
                    + "(the machine has 2 cores; a load well above 2 means other work competed for them):\n\n");
            md.append("| store | phase | runs | median |\n|---|---|---|---:|\n");
            for (StoreResult r : results) {
                for (Map.Entry<Integer, List<HttpRun>> e : r.http().entrySet()) {
                    md.append(String.format(Locale.ROOT, "| %s | HTTP ingest, %d conn. | %s | %s |%n", r.store(), e.getKey(),
                            e.getValue().stream().map(h -> rate(h.rate()) + " [" + h.load() + "] (RSS "
                                            + mib(h.memory().peakKb() * 1024) + ")")
                                    .collect(Collectors.joining(", ")),
                            rate(median(e.getValue().stream().mapToDouble(HttpRun::rate).toArray()))));
                }
                floorRow(md, r.store(), "(a) Axon publish", r.axon());
                floorRow(md, r.store(), "(b) JDBC insert", r.jdbc());
            }
            return md.toString();
        }

        private static String floorCpu(List<FloorRun> runs) {
            return ms(median(runs.stream().mapToDouble(FloorRun::cpuMsPer1k).toArray())) + (runs.isEmpty() ? ""
                    : " [JIT " + ms(median(runs.stream().mapToDouble(FloorRun::jitMsPer1k).toArray())) + "]");
        }

        private static void floorRow(StringBuilder md, String store, String phase, List<FloorRun> runs) {
            if (runs.isEmpty()) {
                return;
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", store, phase,
                    runs.stream().map(f -> rate(f.rate()) + " [" + f.load() + "]").collect(Collectors.joining(", ")),
                    rate(median(runs.stream().mapToDouble(FloorRun::rate).toArray()))));
        }

        /** The connection count with the highest median rate, or null when HTTP was not measured. */
        private static Integer bestConnections(StoreResult r) {
            Integer best = null;
            double bestRate = -1;
            for (Map.Entry<Integer, List<HttpRun>> e : r.http().entrySet()) {
                double m = median(e.getValue().stream().mapToDouble(HttpRun::rate).toArray());
                if (m > bestRate) {
                    bestRate = m;
                    best = e.getKey();
                }
            }
            return best;
        }

        static double median(double[] values) {
            if (values.length == 0) {
                return Double.NaN;
            }
            double[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        private static String rate(double r) {
            return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%,.0f", r);
        }

        private static String ms(double ms) {
            return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%,.0f ms", ms);
        }

        private static String percent(double ratio) {
            return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
        }
    }

    /** What the numbers depend on: cores, CPU, memory, JVM, OS, date. */
    static final class MachineFacts {
        private MachineFacts() {
        }

        static List<String> collect() {
            List<String> facts = new ArrayList<>();
            facts.add("date " + ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
            facts.add("nproc " + firstLine(run("nproc"), Integer.toString(Runtime.getRuntime().availableProcessors())));
            facts.add("CPU " + procField("/proc/cpuinfo", "model name", "unknown"));
            facts.add("RAM " + procField("/proc/meminfo", "MemTotal", "unknown"));
            facts.add("java -version: " + run(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                    .replace('\n', ' ').trim());
            facts.add("OS " + osName() + ", kernel " + System.getProperty("os.version"));
            facts.add("load average at start " + loadAverage());
            return facts;
        }

        /**
         * The 1, 5 and 15 minute load averages: on a shared machine, what else ran shows here, and a
         * 2-core machine with a load well above 2 gives lower, noisier numbers.
         */
        static String loadAverage1() {
            return loadAverage().split(" ")[0];
        }

        static String loadAverage() {
            try {
                String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return fields[0] + " " + fields[1] + " " + fields[2];
            } catch (IOException e) {
                return "unknown";
            }
        }

        private static String osName() {
            try {
                for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                    if (line.startsWith("PRETTY_NAME=")) {
                        return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                    }
                }
            } catch (IOException e) {
                // not Linux
            }
            return System.getProperty("os.name");
        }

        private static String procField(String file, String field, String fallback) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    if (line.startsWith(field)) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException e) {
                // not Linux
            }
            return fallback;
        }

        private static String run(String... command) {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                return out;
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        private static String firstLine(String text, String fallback) {
            String line = text.strip().lines().findFirst().orElse("");
            return line.isEmpty() ? fallback : line;
        }
    }
}
