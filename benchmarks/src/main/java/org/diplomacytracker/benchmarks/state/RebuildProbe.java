package org.diplomacytracker.benchmarks.state;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.benchmarks.AxonPublishFloor;
import org.diplomacytracker.benchmarks.IngestBenchmark;
import org.diplomacytracker.core.TrackerConfiguration;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.state.StateIndex;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.events.Development;

/**
 * Rebuild against a real store, one phase per JVM:
 * <ul>
 * <li>{@code load STORE N}: N developments of {@link StateHistories} appended through Axon alone
 * (EmbeddedEventStore.publish in units of work of 1,000, the tracker's engine and serializer).</li>
 * <li>{@code ready STORE}: wall time of {@code Tracker.start(TrackerOptions.defaults(store))} — it
 * returns once the read models have caught up — then the heap of the running tracker after GC.</li>
 * <li>{@code read STORE}: the floor: the same store opened with the same engine and serializer,
 * every event streamed from the tail ({@code readEvents(null, false)}) and its payload deserialised,
 * nothing projected.</li>
 * <li>{@code heap N}: a bare StateIndex filled with N developments: used heap after GC minus the
 * baseline, then the class histogram (jcmd GC.class_histogram).</li>
 * <li>{@code pgcreate URL SCHEMA} / {@code pgdrop URL SCHEMA}.</li>
 * </ul>
 * STORE is {@code h2:DIR} or a {@code jdbc:postgresql:} URL.
 */
public final class RebuildProbe {

    public static void main(String[] args) throws Exception {
        TrackerConfiguration.disableTelemetry();
        switch (args[0]) {
            case "load" -> load(settings(args[1]), Integer.parseInt(args[2]));
            case "ready" -> ready(settings(args[1]));
            case "read" -> read(settings(args[1]));
            case "heap" -> heap(Integer.parseInt(args[1]));
            case "pgcreate" -> sql(args[1], "CREATE SCHEMA " + args[2]);
            case "pgdrop" -> sql(args[1], "DROP SCHEMA IF EXISTS " + args[2] + " CASCADE");
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    static StoreSettings settings(String spec) {
        return spec.startsWith("h2:") ? StoreSettings.embedded(Path.of(spec.substring(3)))
                : StoreSettings.jdbc(spec, null, null);
    }

    static void sql(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
        System.out.println("ok: " + sql);
    }

    static void load(StoreSettings settings, int n) {
        try (EventStoreDatabase db = EventStoreDatabase.open(settings, 4)) {
            EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(TrackerConfiguration.storageEngine(db)).build();
            long t0 = System.nanoTime();
            List<DomainEventMessage<?>> batch = new ArrayList<>(1000);
            Map<String, Long> seq = new HashMap<>();
            long[] count = {0};
            StateHistories.generate(42, n, (d, offset, at) -> {
                long s = seq.merge(d.process().value(), 1L, Long::sum) - 1;
                batch.add(new GenericDomainEventMessage<>(AxonPublishFloor.AGGREGATE_TYPE, d.process().value(), s, d));
                if (batch.size() == 1000) {
                    AxonPublishFloor.publish(store, db, batch);
                    batch.clear();
                }
                if (++count[0] % 100_000 == 0) {
                    System.out.printf("loaded %d in %.1f s%n", count[0], (System.nanoTime() - t0) / 1e9);
                }
            });
            if (!batch.isEmpty()) {
                AxonPublishFloor.publish(store, db, batch);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("LOAD %s: %d developments in %.1f s (%.0f/s), head offset %d%n", settings.describe(), n, s,
                    n / s, db.headOffset());
            store.shutDown();
        }
    }

    static void ready(StoreSettings settings) throws Exception {
        long base = usedAfterGc();
        long c0 = IngestBenchmark.ownCompileNanos();
        long t0 = System.nanoTime();
        Tracker tracker = Tracker.start(TrackerOptions.defaults(settings));
        double s = (System.nanoTime() - t0) / 1e9;
        long compiled = IngestBenchmark.ownCompileNanos() - c0;
        long head = tracker.database().headOffset();
        System.out.printf("READY %s: Tracker.start returned in %.2f s for %d events (%.0f events/s); "
                        + "catalogue at %d, index consistent at %d; JIT compiler %.2f s%n", settings.describe(), s,
                head, head / s, tracker.catalogue().lastOffset(), tracker.state().consistentOffset(), compiled / 1e9);
        long used = usedAfterGc();
        System.out.printf("HEAP running tracker: used after GC %.1f MB, baseline before start %.1f MB, delta %.1f MB%n",
                used / 1e6, base / 1e6, (used - base) / 1e6);
        histogram("tracker");
        java.lang.ref.Reference.reachabilityFence(tracker);
        tracker.close();
    }

    static void read(StoreSettings settings) {
        try (EventStoreDatabase db = EventStoreDatabase.open(settings, 4)) {
            EventStorageEngine engine = TrackerConfiguration.storageEngine(db);
            long head = db.headOffset();
            long c0 = IngestBenchmark.ownCompileNanos();
            long t0 = System.nanoTime();
            long count = 0;
            long ids = 0;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
                for (var it = stream.iterator(); it.hasNext(); ) {
                    Object payload = it.next().getPayload();
                    if (payload instanceof Development d) {
                        count++;
                        ids += d.id().value().length();
                    }
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            long compiled = IngestBenchmark.ownCompileNanos() - c0;
            System.out.printf("READ %s: %d events read and deserialised in %.2f s (%.0f events/s), head %d [%d]; "
                    + "JIT compiler %.2f s%n", settings.describe(), count, s, count / s, head, ids, compiled / 1e9);
        }
    }

    static void heap(int n) throws Exception {
        long base = usedAfterGc();
        StateIndex index = new StateIndex();
        long t0 = System.nanoTime();
        StateHistories.generate(42, n, index::apply);
        double s = (System.nanoTime() - t0) / 1e9;
        long used = usedAfterGc();
        System.out.printf("HEAP StateIndex n=%d (generated+applied in %.1f s): used after GC %.1f MB, baseline %.1f MB, "
                + "index %.1f MB (%.0f bytes/development)%n", n, s, used / 1e6, base / 1e6, (used - base) / 1e6,
                (double) (used - base) / n);
        histogram("index");
        java.lang.ref.Reference.reachabilityFence(index);
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void histogram(String label) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        String[] lines = out.split("\n");
        System.out.println("HISTOGRAM " + label + " (top 25):");
        for (int i = 0; i < Math.min(lines.length, 28); i++) {
            System.out.println(lines[i]);
        }
        for (String l : lines) {
            if (l.startsWith("Total")) {
                System.out.println(l);
            }
        }
    }
}
