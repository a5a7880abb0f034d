package org.diplomacytracker.benchmarks.live;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live-views load benchmark. In one run, one after the other:
 * <ol>
 *   <li>tracker: a tracker server process on a fresh H2 folder, a small process recorded, N websocket
 *   clients over 3 views (live, and two past dates every posted development is dated before), then
 *   one {@code PositionStated} POSTed at the rate for the duration, open loop (each on its due time,
 *   whether or not earlier ones were answered), each on its own (actor, issue) key so that every post
 *   changes all three views in whatever order concurrent posts commit; then the saturation steps;</li>
 *   <li>floor: {@link BroadcastFloor} (bare Vert.x, same JVM flags, as many event loops as the tracker:
 *   {@code event-loops}, default the processors), the same clients, a message of the tracker's
 *   measured mean update size broadcast at the same rate, posted the same way; then the same
 *   saturation steps;</li>
 *   <li>cross-node: two tracker processes on one fresh PostgreSQL schema, clients on node B, posts to
 *   node A.</li>
 * </ol>
 * Latency of a delivered update = client receive time − the development's {@code recordedAt} from
 * the POST response (the floor answers its broadcast instant the same way); same machine, same
 * wall clock, µs resolution. Arguments are {@code key=value}; see {@link #main}.
 */
public final class LiveLoadDriver {

    static final String PROCESS = "bench";
    static final String[] VIEWS = {"live", "2024-06-01", "2024-12-01"};
    static final String[] STANCES = {"rejects", "opposes", "open", "supports", "demands"};
    static final LocalDate FIRST_DATE = LocalDate.of(1990, 1, 1);
    static final Pattern OFFSET = Pattern.compile("\"offset\":(\\d+)");
    static final Pattern RECORDED = Pattern.compile("\"recordedAt\":\"([^\"]+)\"");
    /** A post sent later than this after its due time counts as late (its predecessor's answer took too long). */
    static final long SLIP_TOLERANCE_NANOS = 2_000_000L;

    final Map<String, String> args;
    final Path out;
    final String trackerJar;
    final List<String> jvm;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final AtomicLong devSeq = new AtomicLong();
    final List<Step> steps = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<ServerProcess> running = new ArrayList<>();
    double loadThreshold;
    /** Event loops of the tracker's server, and verticle instances (event loops) of the floor: the same number. */
    final int eventLoops;

    LiveLoadDriver(Map<String, String> args) throws IOException {
        this.args = args;
        this.out = Path.of(arg("out", "benchmarks/target/live-bench-" + System.currentTimeMillis()))
                .toAbsolutePath();
        Files.createDirectories(out);
        this.trackerJar = Path.of(arg("tracker-jar", "tracker-web/target/tracker.jar")).toAbsolutePath().toString();
        this.jvm = List.of(arg("server-jvm", "-Xmx1g").split(" "));
        this.loadThreshold = Double.parseDouble(arg("load-threshold", "2.5"));
        this.eventLoops = intArg("event-loops", Runtime.getRuntime().availableProcessors());
    }

    String arg(String key, String def) {
        return args.getOrDefault(key, def);
    }

    int intArg(String key, int def) {
        return Integer.parseInt(arg(key, Integer.toString(def)));
    }

    /** One measured step. */
    record Step(String system, String label, int clients, int rate, int seconds, int posts, int failedPosts,
                int latePosts, double maxSlipMs,
                long delivered, long expected, long missing, long duplicates, long resyncs, int closed,
                double p50, double p99, double max, double p50Sent, double p99Sent, double msgsPerSec,
                double avgChars, long rssMaxMb, long rssEndMb, long hwmMb, String heap, double cpuPct,
                double loadBefore, int waitedS) {
    }

    record Post(long seq, long offset, long recordedAtMicros, long sentMicros, long ackMicros) {
    }

    /** Where posts go and what they carry. */
    record Target(String host, int port, String path, String contentType, LongFunction<String> body) {
    }

    public static void main(String[] a) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String s : a) {
            int eq = s.indexOf('=');
            args.put(s.substring(0, eq), s.substring(eq + 1));
        }
        LiveLoadDriver d = new LiveLoadDriver(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> d.running.forEach(ServerProcess::close)));
        d.run();
    }

    void run() throws Exception {
        System.out.println("results in " + out);
        notes.add("machine: nproc=" + Runtime.getRuntime().availableProcessors() + ", server event loops "
                + eventLoops + " (tracker --event-loops, floor instances " + intArg("floor-instances", eventLoops) + "), "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", started " + Instant.now());
        int clients = intArg("clients", 10_000);
        int rate = intArg("rate", 5);
        int seconds = intArg("seconds", 60);
        int[] satRates = Arrays.stream(arg("sat-rates", "10,20,40").split(",")).filter(s -> !s.isBlank())
                .mapToInt(Integer::parseInt).toArray();
        int satSeconds = intArg("sat-seconds", 15);
        int mainCap = intArg("load-wait", 300);
        int satCap = intArg("sat-load-wait", 120);
        String phases = arg("phases", "tracker,floor,xnode");

        int size = intArg("floor-size", 0);
        if (phases.contains("tracker")) {
            size = trackerPhase(clients, rate, seconds, satRates, satSeconds, mainCap, satCap);
        }
        if (phases.contains("floor")) {
            floorPhase(clients, rate, seconds, satRates, satSeconds, mainCap, satCap, size > 0 ? size : 300);
        }
        if (phases.contains("xnode")) {
            crossNodePhase(intArg("xnode-clients", 1000), rate, intArg("xnode-seconds", 30), mainCap);
        }
        report();
    }

    // ---------------------------------------------------------------- phases

    int trackerPhase(int clients, int rate, int seconds, int[] satRates, int satSeconds, int mainCap, int satCap)
            throws Exception {
        System.out.println("== tracker (H2)");
        Path data = Files.createTempDirectory("live-bench-h2-");
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", trackerJar, "serve", "--port", "0", "--data", data.toString(),
                "--event-loops", Integer.toString(eventLoops)));
        int size;
        try (ServerProcess server = track(ServerProcess.start("tracker", cmd, out.resolve("tracker.log")))) {
            seed(server.port);
            Target target = trackerTarget(server.port);
            try (Fleet fleet = new Fleet()) {
                fleet.open("127.0.0.1", server.port, PROCESS, VIEWS, clients, intArg("wave", 500));
                notes.add(String.format("tracker after connecting %d clients: RSS %d MB, heap %s", clients,
                        server.statusKb("VmRSS") / 1024, server.heapInfo()));
                warmUp("tracker", fleet, server, target, rate);
                Step main = step("tracker", "main", fleet, server, target, rate, seconds, mainCap);
                size = (int) Math.round(main.avgChars());
                if (satRates.length > 0) {
                    if (Boolean.parseBoolean(arg("jfr", "true"))) {
                        System.out.println("  " + server.jcmd("JFR.start", "name=sat", "settings=profile").strip());
                    }
                    for (int r : satRates) {
                        step("tracker", "saturation", fleet, server, target, r, satSeconds, satCap);
                    }
                    if (Boolean.parseBoolean(arg("jfr", "true"))) {
                        Path jfr = out.resolve("tracker-saturation.jfr");
                        System.out.println("  " + server.jcmd("JFR.stop", "name=sat", "filename=" + jfr).strip());
                    }
                }
            }
        } finally {
            deleteTree(data);
        }
        return size;
    }

    void floorPhase(int clients, int rate, int seconds, int[] satRates, int satSeconds, int mainCap, int satCap,
                    int size) throws Exception {
        System.out.println("== floor (bare Vert.x), message size " + size + " chars");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of("java"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BroadcastFloor.class.getName(),
                Integer.toString(port), Integer.toString(intArg("floor-instances", eventLoops))));
        try (ServerProcess server = track(ServerProcess.start("floor", cmd, out.resolve("floor.log")))) {
            Target target = new Target("127.0.0.1", server.port, "/broadcast?size=" + size, "application/json",
                    i -> "{}");
            try (Fleet fleet = new Fleet()) {
                fleet.open("127.0.0.1", server.port, PROCESS, VIEWS, clients, intArg("wave", 500));
                notes.add(String.format("floor after connecting %d clients: RSS %d MB, heap %s", clients,
                        server.statusKb("VmRSS") / 1024, server.heapInfo()));
                warmUp("floor", fleet, server, target, rate);
                step("floor", "main", fleet, server, target, rate, seconds, mainCap);
                for (int r : satRates) {
                    step("floor", "saturation", fleet, server, target, r, satSeconds, satCap);
                }
            }
        }
    }

    void crossNodePhase(int clients, int rate, int seconds, int cap) throws Exception {
        System.out.println("== cross-node (PostgreSQL)");
        String schema = "live_bench_" + System.currentTimeMillis();
        String base = arg("pg", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        psql("CREATE SCHEMA " + schema);
        String url = base + "&currentSchema=" + schema;
        try {
            List<String> a = new ArrayList<>(List.of("java"));
            a.addAll(jvm);
            a.addAll(List.of("-jar", trackerJar, "serve", "--port", "0", "--db", url, "--event-loops",
                    Integer.toString(eventLoops)));
            try (ServerProcess nodeA = track(ServerProcess.start("node-A", a, out.resolve("node-a.log")))) {
                seed(nodeA.port);
                try (ServerProcess nodeB = track(ServerProcess.start("node-B", a, out.resolve("node-b.log")))) {
                    awaitProcess(nodeB.port);
                    try (Fleet fleet = new Fleet()) {
                        fleet.open("127.0.0.1", nodeB.port, PROCESS, VIEWS, clients, intArg("wave", 500));
                        step("cross-node A→B", "main", fleet, nodeB, trackerTarget(nodeA.port), rate, seconds, cap);
                    }
                }
            }
        } finally {
            psql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    // ---------------------------------------------------------------- one step

    /**
     * The same traffic for {@code warmup} seconds (default 180) before the main step, so that both servers'
     * JIT has compiled the update path before anything is measured; reported as its own step. With 60 s,
     * the tracker's C2 compiler still took a fifth of its CPU during the main step (JFR thread CPU), and
     * its p99 was 177–195 ms; with 180 s, 149 ms.
     */
    void warmUp(String system, Fleet fleet, ServerProcess server, Target target, int rate) throws Exception {
        int warmup = intArg("warmup", 180);
        if (warmup > 0) {
            step(system, "warm-up", fleet, server, target, rate, warmup, 0);
        }
    }

    Step step(String system, String label, Fleet fleet, ServerProcess server, Target target, int rate, int seconds,
              int loadCap) throws Exception {
        double[] load = waitLoad(loadCap);
        int clients = fleet.alive();
        int posts = rate * seconds;
        System.out.printf(Locale.ROOT, "-- %s %s: %d clients, %d/s for %d s (load %.2f after %d s wait)%n", system,
                label, clients, rate, seconds, load[0], (int) load[1]);
        fleet.reset((int) Math.min(Integer.MAX_VALUE - 8, (long) posts * clients + 100_000));
        long cpu0 = server.cpuTicks();
        long wall0 = System.nanoTime();
        AtomicLong rssMax = new AtomicLong();
        AtomicInteger stop = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (stop.get() == 0) {
                rssMax.accumulateAndGet(server.statusKb("VmRSS"), Math::max);
                LockSupport.parkNanos(500_000_000L);
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();

        // Open loop: each POST goes out on its due time, whether or not earlier ones were answered, so the
        // offered load is the rate whatever the server's answer times. Overlapping POSTs may commit in any
        // order; each still changes all three views, because within a step every post states a position on
        // its own (actor, issue) key (KEYS of them, more than the posts of any step), dated before both past
        // views. A post the driver itself sent later than its due time is counted late with its slip.
        ConcurrentLinkedQueue<Post> done = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        long period = 1_000_000_000L / rate;
        int late = 0;
        long maxSlipNanos = 0;
        long start = System.nanoTime();
        for (int i = 0; i < posts; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long slip = System.nanoTime() - due;
            if (slip > SLIP_TOLERANCE_NANOS) {
                late++;
                maxSlipNanos = Math.max(maxSlipNanos, slip);
            }
            long seq = devSeq.incrementAndGet();
            long sent = Fleet.nowMicros();
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + target.host() + ":" + target.port()
                            + target.path())).timeout(Duration.ofSeconds(60))
                    .header("content-type", target.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(target.body().apply(seq))).build();
            inFlight.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((resp, err) -> {
                long ack = Fleet.nowMicros();
                if (err != null || resp.statusCode() / 100 != 2) {
                    if (failed.getAndIncrement() == 0) {
                        System.out.println("  post failed: " + (err != null ? err : resp.statusCode() + " " + resp.body()));
                    }
                    return null;
                }
                Matcher o = OFFSET.matcher(resp.body());
                Matcher r = RECORDED.matcher(resp.body());
                if (o.find() && r.find()) {
                    Instant at = Instant.parse(r.group(1));
                    done.add(new Post(seq, Long.parseLong(o.group(1)),
                            at.getEpochSecond() * 1_000_000L + at.getNano() / 1000, sent, ack));
                }
                return null;
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        if (late > 0) {
            notes.add(String.format(Locale.ROOT, "%s %s at %d/s: the driver sent %d of %d posts late, by at most %.1f ms", system, label, rate, late, posts,
                    maxSlipNanos / 1e6));
        }
        // drain: until every client has every update, or nothing arrives for 5 s (at most 120 s)
        long expected = (long) done.size() * clients;
        Fleet.Recorder rec = fleet.recorder;
        long lastN = -1;
        long lastProgress = System.nanoTime();
        long drainStart = System.nanoTime();
        while (rec.n.get() < expected && System.nanoTime() - lastProgress < 5_000_000_000L
                && System.nanoTime() - drainStart < 120_000_000_000L) {
            int n = rec.n.get();
            if (n != lastN) {
                lastN = n;
                lastProgress = System.nanoTime();
            }
            Thread.sleep(100);
        }
        long cpu1 = server.cpuTicks();
        long wall1 = System.nanoTime();
        stop.set(1);
        sampler.join(2000);
        String heap = server.heapInfo();

        Map<Long, Post> byOffset = new HashMap<>();
        long firstSent = Long.MAX_VALUE;
        for (Post p : done) {
            byOffset.put(p.offset(), p);
            firstSent = Math.min(firstSent, p.sentMicros());
        }
        int n = rec.size();
        long[] lat = new long[n];
        long[] latSent = new long[n];
        int k = 0;
        long lastRecv = 0;
        // per post: its first delivery to any client (the server's path from commit to the first socket) and
        // its last (that plus the fan-out to every socket)
        Map<Long, long[]> spread = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Post p = byOffset.get(rec.offsets[i]);
            if (p == null) {
                continue; // an update of an earlier step that arrived late
            }
            long[] fl = spread.computeIfAbsent(p.offset(), o -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            fl[0] = Math.min(fl[0], rec.micros[i] - p.recordedAtMicros());
            fl[1] = Math.max(fl[1], rec.micros[i] - p.recordedAtMicros());
            lat[k] = rec.micros[i] - p.recordedAtMicros();
            latSent[k] = rec.micros[i] - p.sentMicros();
            lastRecv = Math.max(lastRecv, rec.micros[i]);
            k++;
        }
        lat = Arrays.copyOf(lat, k);
        latSent = Arrays.copyOf(latSent, k);
        Arrays.sort(lat);
        Arrays.sort(latSent);
        long dups = 0;
        long resyncs = 0;
        long missing = 0;
        for (Fleet.Conn c : fleet.conns) {
            dups += c.duplicates;
            resyncs += c.snapshots;
            if (!c.closed) {
                missing += Math.max(0, done.size() - (c.updates - c.duplicates));
            }
        }
        double window = Math.max(1, lastRecv - firstSent) / 1e6;
        Step s = new Step(system, label, clients, rate, seconds, done.size(), failed.get(), late, maxSlipNanos / 1e6,
                k, expected, missing, dups,
                resyncs, fleet.conns.size() - fleet.alive(), pct(lat, 50), pct(lat, 99), k == 0 ? 0 : lat[k - 1] / 1000.0,
                pct(latSent, 50), pct(latSent, 99), k / window, rec.n.get() == 0 ? 0 : (double) rec.chars.get() / rec.n.get(),
                rssMax.get() / 1024, server.statusKb("VmRSS") / 1024, server.statusKb("VmHWM") / 1024, heap,
                100.0 * (cpu1 - cpu0) / ((wall1 - wall0) / 1e7), load[0], (int) load[1]);
        steps.add(s);
        System.out.printf(Locale.ROOT, "   posts late %d (max slip %.1f ms) | delivered %d/%d, missing %d, dup %d, "
                        + "resync %d, closed %d | p50 %.1f p99 %.1f "
                        + "max %.1f ms | %.0f msg/s | %.0f chars | RSS max %d MB, HWM %d MB | heap %s | cpu %.0f%%%n",
                s.latePosts(), s.maxSlipMs(), s.delivered(), s.expected(), s.missing(), s.duplicates(), s.resyncs(), s.closed(), s.p50(), s.p99(),
                s.max(), s.msgsPerSec(), s.avgChars(), s.rssMaxMb(), s.hwmMb(), s.heap(), s.cpuPct());
        long[] firsts = spread.values().stream().mapToLong(fl -> fl[0]).sorted().toArray();
        long[] lasts = spread.values().stream().mapToLong(fl -> fl[1]).sorted().toArray();
        String spreadNote = String.format(Locale.ROOT, "%s %s at %d/s, per post: first client reached after p50 %.1f / "
                        + "p99 %.1f / max %.1f ms, last client after p50 %.1f / p99 %.1f / max %.1f ms", system, label, rate,
                pct(firsts, 50), pct(firsts, 99), firsts.length == 0 ? 0 : firsts[firsts.length - 1] / 1000.0,
                pct(lasts, 50), pct(lasts, 99), lasts.length == 0 ? 0 : lasts[lasts.length - 1] / 1000.0);
        System.out.println("   " + spreadNote);
        notes.add(spreadNote);
        if (s.missing() > 0) {
            // which posted offsets did no client receive at all (a skipped update, not a slow client)?
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                seen.add(rec.offsets[i]);
            }
            List<Long> never = done.stream().map(Post::offset).filter(o -> !seen.contains(o)).sorted().limit(20).toList();
            System.out.println("   posted offsets no client received (first 20): " + never
                    + "; posted offsets: " + done.stream().map(Post::offset).sorted().limit(40).toList());
            notes.add(s.system() + " " + s.label() + " at " + rate + "/s: posted offsets no client received: " + never);
        }
        // does each update carry the development that was recorded at its offset? (first client; tracker only)
        int wrong = 0;
        List<String> examples = new ArrayList<>();
        for (String[] e : fleet.firstClient) {
            Post p = byOffset.get(Long.parseLong(e[0]));
            if (p != null && target.path().startsWith("/api/") && !e[1].equals("pos-" + p.seq())) {
                wrong++;
                if (examples.size() < 8) {
                    examples.add("offset " + e[0] + " carried " + e[1] + " (POST of pos-" + p.seq() + " answered that offset)");
                }
            }
        }
        if (wrong > 0) {
            System.out.println("   first client: " + wrong + " updates carry another development than the one recorded at "
                    + "their offset, e.g. " + examples);
            notes.add(s.system() + " " + s.label() + " at " + rate + "/s, first client: " + wrong
                    + " updates whose development is not the one the POST answered for that offset, e.g. " + examples);
        }
        if (fleet.firstError != null) {
            System.out.println("   first error message: " + fleet.firstError);
        }
        return s;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    /** Waits (at most capS) for the 1-minute load average to fall below the threshold; {load, waited s}. */
    double[] waitLoad(int capS) throws Exception {
        long start = System.nanoTime();
        double load = loadAvg();
        while (load >= loadThreshold && System.nanoTime() - start < capS * 1_000_000_000L) {
            Thread.sleep(5000);
            load = loadAvg();
        }
        return new double[] {load, (System.nanoTime() - start) / 1e9};
    }

    static double loadAvg() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    // ---------------------------------------------------------------- tracker traffic

    /** Statement keys: posts cycle through KEY_ACTORS × KEY_ISSUES (actor, issue) pairs, more than any step posts. */
    static final int KEY_ACTORS = 30;
    static final int KEY_ISSUES = 30;
    static final int KEYS = KEY_ACTORS * KEY_ISSUES;

    static String keyActor(long seq) {
        return String.format(Locale.ROOT, "k%02d", seq % KEYS / KEY_ISSUES);
    }

    static String keyIssue(long seq) {
        return String.format(Locale.ROOT, "q%02d", seq % KEYS % KEY_ISSUES);
    }

    Target trackerTarget(int port) {
        return new Target("127.0.0.1", port, "/api/developments", "application/json", seq -> {
            // a stance other than the one this key was last given (KEYS posts ago)
            String stance = STANCES[(int) (seq / KEYS % STANCES.length)];
            return "{\"id\":\"pos-" + seq + "\",\"process\":\"" + PROCESS + "\",\"type\":\"PositionStated\","
                    + "\"occurredOn\":\"" + FIRST_DATE.plusDays(seq) + "\",\"source\":{\"outlet\":\"Bench Wire\","
                    + "\"reliability\":\"B\",\"credibility\":2},\"actor\":\"" + keyActor(seq) + "\",\"issue\":\""
                    + keyIssue(seq) + "\",\"stance\":\"" + stance + "\",\"quote\":\"statement " + seq + "\"}";
        });
    }

    void seed(int port) throws Exception {
        String src = ",\"source\":{\"outlet\":\"Bench desk\"}";
        String ndjson = String.join("\n",
                "{\"id\":\"open\",\"process\":\"bench\",\"type\":\"ProcessOpened\",\"occurredOn\":\"1989-12-01\"" + src
                        + ",\"title\":\"Benchmark talks\",\"parties\":[\"ru\",\"ua\"]}",
                "{\"id\":\"actor-ru\",\"process\":\"bench\",\"type\":\"ActorRegistered\",\"occurredOn\":\"1989-12-01\"" + src
                        + ",\"actor\":\"ru\",\"name\":\"Russia\",\"kind\":\"state\"}",
                "{\"id\":\"actor-ua\",\"process\":\"bench\",\"type\":\"ActorRegistered\",\"occurredOn\":\"1989-12-01\"" + src
                        + ",\"actor\":\"ua\",\"name\":\"Ukraine\",\"kind\":\"state\"}",
                "{\"id\":\"actor-us\",\"process\":\"bench\",\"type\":\"ActorRegistered\",\"occurredOn\":\"1989-12-01\"" + src
                        + ",\"actor\":\"us\",\"name\":\"United States\",\"kind\":\"state\",\"role\":\"mediator\"}",
                "{\"id\":\"issue-ceasefire\",\"process\":\"bench\",\"type\":\"IssueDefined\",\"occurredOn\":\"1989-12-01\"" + src
                        + ",\"issue\":\"ceasefire\",\"title\":\"Ceasefire along the line of contact\"}",
                "{\"id\":\"issue-security\",\"process\":\"bench\",\"type\":\"IssueDefined\",\"occurredOn\":\"1989-12-01\"" + src
                        + ",\"issue\":\"security-guarantees\",\"title\":\"Security guarantees\"}") + "\n"
                + keyDefinitions(src);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/developments"))
                .header("content-type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("seeding failed: " + r.statusCode() + " " + r.body());
        }
        awaitProcess(port);
    }

    /** The statement keys' actors and issues, as NDJSON lines. */
    static String keyDefinitions(String src) {
        StringBuilder b = new StringBuilder();
        for (int a = 0; a < KEY_ACTORS; a++) {
            String id = String.format(Locale.ROOT, "k%02d", a);
            b.append("{\"id\":\"actor-").append(id).append("\",\"process\":\"bench\",\"type\":\"ActorRegistered\",")
                    .append("\"occurredOn\":\"1989-12-01\"").append(src).append(",\"actor\":\"").append(id)
                    .append("\",\"name\":\"Delegation ").append(id).append("\",\"kind\":\"organisation\"}\n");
        }
        for (int i = 0; i < KEY_ISSUES; i++) {
            String id = String.format(Locale.ROOT, "q%02d", i);
            b.append("{\"id\":\"issue-").append(id).append("\",\"process\":\"bench\",\"type\":\"IssueDefined\",")
                    .append("\"occurredOn\":\"1989-12-01\"").append(src).append(",\"issue\":\"").append(id)
                    .append("\",\"title\":\"Question ").append(id).append("\"}\n");
        }
        return b.toString();
    }

    void awaitProcess(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/processes")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.body().contains("\"process\":\"" + PROCESS + "\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("process " + PROCESS + " did not appear on port " + port);
    }

    // ---------------------------------------------------------------- plumbing

    ServerProcess track(ServerProcess p) {
        running.add(p);
        return p;
    }

    void psql(String sql) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-v",
                "ON_ERROR_STOP=1", "-c", sql).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("psql failed: " + sql + ": " + new String(p.getInputStream().readAllBytes()));
        }
        System.out.println("  psql: " + sql);
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    void report() throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("| system | step | clients | posts/s × s | load before | posts late (max slip ms) | delivered / expected | missing | dup | resync "
                + "| closed | p50 ms | p99 ms | max ms | p99 from POST send ms | msgs/s | mean update chars | RSS max MB | VmHWM MB "
                + "| heap at end | server CPU % |\n");
        b.append("|---|---|---:|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (Step s : steps) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d × %d | %.2f (waited %d s) | %d (%.1f) | %d / %d | %d | %d | %d | %d "
                            + "| %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %d | %d | %s | %.0f |%n",
                    s.system(), s.label(), s.clients(), s.rate(), s.seconds(), s.loadBefore(), s.waitedS(), s.latePosts(),
                    s.maxSlipMs(), s.delivered(),
                    s.expected(), s.missing(), s.duplicates(), s.resyncs(), s.closed(), s.p50(), s.p99(), s.max(),
                    s.p99Sent(), s.msgsPerSec(), s.avgChars(), s.rssMaxMb(), s.hwmMb(), s.heap(), s.cpuPct()));
        }
        b.append('\n');
        for (String n : notes) {
            b.append("- ").append(n).append('\n');
        }
        Files.writeString(out.resolve("results.md"), b.toString());
        System.out.println();
        System.out.println(b);
    }
}
