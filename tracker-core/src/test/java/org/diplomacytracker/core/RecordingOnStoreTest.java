package org.diplomacytracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diplomacytracker.core.testing.Developments.opening;
import static org.diplomacytracker.core.testing.Developments.stance;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.diplomacytracker.core.process.DevelopmentRefusedException;
import org.diplomacytracker.core.process.Recording;
import org.diplomacytracker.core.process.Refusal;
import org.diplomacytracker.core.state.NegotiationState;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.core.testing.TestDatabases;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recording through the real Axon setup on a real store — the embedded H2 file and PostgreSQL —
 * as main runs it: atomic batches across processes, idempotency across restarts, snapshots, and
 * several writers at once.
 */
class RecordingOnStoreTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private StoreSettings store(String kind) {
        if (kind.equals("h2")) {
            return StoreSettings.embedded(dir.resolve("data"));
        }
        TestDatabases.PostgresSchema schema = TestDatabases.postgres();
        open.add(schema);
        return schema.settings();
    }

    private Tracker start(StoreSettings settings) {
        return start(settings, Function.identity());
    }

    private Tracker start(StoreSettings settings, Function<TrackerOptions, TrackerOptions> tweak) {
        Tracker tracker = Tracker.start(tweak.apply(TrackerOptions.defaults(settings)));
        open.add(tracker);
        return tracker;
    }

    private static List<Development> concat(List<Development> a, List<Development> b) {
        List<Development> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aBatchAcrossProcessesIsStoredWholeOrNotAtAll(String kind) {
        Tracker tracker = start(store(kind));
        tracker.record(opening("alpha")).join();
        long head = tracker.database().headOffset();

        List<Development> batch = concat(
                List.of(stance("alpha", "a-1", "2020-02-01", "north", "border", "demands")),
                concat(opening("beta"), List.of(stance("beta", "b-1", "2020-02-01", "ghost", "border", "rejects"))));
        assertThatThrownBy(() -> tracker.recordNow(batch))
                .isInstanceOfSatisfying(DevelopmentRefusedException.class, e -> {
                    assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_REFERENCE);
                    assertThat(e.position()).as("the refused development's place in the whole batch").isEqualTo(8);
                    assertThat(e.field()).isEqualTo("actor");
                });
        assertThat(tracker.database().headOffset()).as("nothing of the batch stored").isEqualTo(head);

        // the cached alpha was rolled back with the batch: a-1 is new, not a duplicate of a phantom
        Recording again = tracker.recordNow(List.of(stance("alpha", "a-1", "2020-02-01", "north", "border", "opposes")));
        assertThat(again.duplicates()).isZero();
        assertThatThrownBy(() -> tracker.recordNow(List.of(stance("beta", "b-2", "2020-02-01", "north", "border",
                "open")))).isInstanceOfSatisfying(DevelopmentRefusedException.class,
                e -> assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_PROCESS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void storedEventsCarryTimeOrderedIdentifiersInTheStoresOrder(String kind) throws Exception {
        Tracker tracker = start(store(kind));
        tracker.record(opening("alpha")).join();
        tracker.record(concat(opening("beta"), List.of(stance("alpha", "a-1", "2020-02-01", "north", "border",
                "demands")))).join();
        List<String> ids = TestDatabases.storedColumn(tracker.database(),
                tracker.database().schema().eventIdentifierColumn());
        assertThat(ids).hasSize(15).doesNotHaveDuplicates();
        // version 7 (time-ordered), so that appends land at the end of the unique index on them
        assertThat(ids).allSatisfy(id -> assertThat(java.util.UUID.fromString(id).version()).isEqualTo(7));
        assertThat(ids).as("in the store's order, as the store's unique index sorts them").isSorted();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aBatchAcrossProcessesLandsInTheOrderSubmittedAtOneRecordedTime(String kind) throws Exception {
        StoreSettings settings = store(kind);
        Tracker tracker = start(settings);
        tracker.record(concat(opening("beta"), opening("alpha"))).join();
        // beta sorts after alpha, and the recorder decides process by process in id order
        List<Development> batch = List.of(
                stance("beta", "b-1", "2020-02-01", "north", "border", "demands"),
                stance("alpha", "a-1", "2020-02-01", "north", "border", "rejects"),
                stance("beta", "b-2", "2020-02-02", "north", "border", "opposes"),
                stance("alpha", "a-2", "2020-02-02", "north", "border", "open"));
        Recording recording = tracker.record(batch).join();

        List<Long> offsets = recording.outcomes().stream().map(Recording.Outcome::offset).toList();
        assertThat(offsets).as("offsets follow the lines").isSorted().doesNotHaveDuplicates();
        assertThat(recording.outcomes()).extracting(Recording.Outcome::id).containsExactly("b-1", "a-1", "b-2", "a-2");
        assertThat(recording.outcomes()).extracting(Recording.Outcome::recordedAt)
                .as("one submission, one recorded time").containsOnly(recording.outcomes().get(0).recordedAt());
        // the store's own order says the same, and the read models received it so
        assertThat(tracker.catalogue().development("alpha", "a-1").orElseThrow().offset()).isEqualTo(offsets.get(1));
        assertThat(tracker.catalogue().development("beta", "b-2").orElseThrow().recordedAt())
                .isEqualTo(recording.outcomes().get(0).recordedAt());
        List<String> ids = TestDatabases.storedColumn(tracker.database(),
                tracker.database().schema().eventIdentifierColumn());
        assertThat(ids).as("identifiers still increase with the store's order").isSorted().doesNotHaveDuplicates();

        // and after a restart, read back from the store
        tracker.close();
        open.remove(tracker);
        Tracker again = start(settings);
        assertThat(again.catalogue().development("beta", "b-1").orElseThrow().offset()).isEqualTo(offsets.get(0));
        assertThat(again.catalogue().development("alpha", "a-2").orElseThrow().offset()).isEqualTo(offsets.get(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anImportedExportKeepsWhatWasKnownWhen(String kind) throws Exception {
        Tracker source = start(StoreSettings.embedded(dir.resolve("source")));
        Instant opened = source.record(opening("alpha")).join().outcomes().get(0).recordedAt();
        Thread.sleep(5);
        Instant stated = source.record(List.of(stance("alpha", "a-1", "2020-02-01", "north", "border", "demands")))
                .join().outcomes().get(0).recordedAt();
        List<Development> developments = new ArrayList<>();
        List<Instant> recorded = new ArrayList<>();
        source.export((d, at) -> {
            developments.add(d);
            recorded.add(at);
        });
        assertThat(recorded).startsWith(opened).endsWith(stated);

        StoreSettings settings = store(kind);
        Tracker target = start(settings);
        Thread.sleep(5);
        Recording imported = target.recordNow(developments, recorded);
        assertThat(imported.accepted()).isEqualTo(developments.size());
        target.catalogue().awaitRecorded("alpha", "a-1").get(10, TimeUnit.SECONDS);
        for (Tracker t : List.of(source, target)) {
            assertThat(t.catalogue().development("alpha", "a-1").orElseThrow().recordedAt()).isEqualTo(stated);
            NegotiationState before = t.state().state("alpha", null, opened).orElseThrow();
            NegotiationState after = t.state().state("alpha", null, stated).orElseThrow();
            assertThat(before.positions()).as("known when the process was opened").isEmpty();
            assertThat(after.positions()).as("known once stated").containsKey("north");
        }
        List<Instant> again = new ArrayList<>();
        target.export((d, at) -> again.add(at));
        assertThat(again).as("exported again as first recorded").isEqualTo(recorded);
        Recording duplicate = target.recordNow(List.of(developments.get(developments.size() - 1)));
        assertThat(duplicate.outcomes().get(0).duplicate()).isTrue();
        assertThat(duplicate.outcomes().get(0).recordedAt()).as("a duplicate is answered with the first time")
                .isEqualTo(stated);

        // read back from the store after a restart
        target.close();
        open.remove(target);
        Tracker restarted = start(settings);
        assertThat(restarted.catalogue().development("alpha", "a-1").orElseThrow().recordedAt()).isEqualTo(stated);
        assertThat(restarted.state().state("alpha", null, opened).orElseThrow().positions()).isEmpty();
        assertThatThrownBy(() -> restarted.recordNow(List.of(stance("alpha", "a-2", "2020-02-02", "north", "border",
                "open")), List.of(Instant.now().plusSeconds(3600)))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDuplicateIsAnsweredWithTheOriginalOffsetAcrossRestarts(String kind) {
        StoreSettings settings = store(kind);
        Tracker first = start(settings);
        Recording original = first.record(opening("alpha")).join();
        assertThat(original.accepted()).isEqualTo(7);
        assertThat(original.outcomes()).extracting(Recording.Outcome::offset).isSorted().doesNotHaveDuplicates();
        first.close();
        open.remove(first);

        Tracker second = start(settings);
        Recording again = second.record(opening("alpha")).join();
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(7);
        assertThat(again.outcomes()).extracting(Recording.Outcome::offset)
                .containsExactlyElementsOf(original.outcomes().stream().map(Recording.Outcome::offset).toList());
        assertThat(again.outcomes()).extracting(Recording.Outcome::recordedAt)
                .containsExactlyElementsOf(original.outcomes().stream().map(Recording.Outcome::recordedAt).toList());
        assertThat(second.catalogue().processes()).singleElement()
                .satisfies(p -> assertThat(p.developments()).isEqualTo(7));
        assertThatThrownBy(() -> second.recordNow(List.of(stance("alpha", "alpha-north", "2020-01-01", "north",
                "border", "open")))).isInstanceOfSatisfying(DevelopmentRefusedException.class,
                e -> assertThat(e.refusal()).isEqualTo(Refusal.ID_CONFLICT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aProcessRestoredFromItsSnapshotDecidesAsBefore(String kind) {
        StoreSettings settings = store(kind);
        // snapshot as soon as the stream has grown by one event and doubled
        Function<TrackerOptions, TrackerOptions> alwaysSnapshot = o -> new TrackerOptions(o.store(), o.poolSize(),
                o.recorderThreads(), 0, 1, o.pollInterval(), o.processorBatchSize(), o.liveBuffer());
        Tracker first = start(settings, alwaysSnapshot);
        first.recordNow(opening("alpha"));
        first.recordNow(List.of(stance("alpha", "s-1", "2020-02-01", "north", "border", "demands")));
        first.recordNow(List.of(stance("alpha", "s-2", "2020-02-02", "south", "border", "rejects")));
        first.close();
        open.remove(first);

        Tracker second = start(settings, alwaysSnapshot);
        assertThat(countSnapshots(second)).as("snapshots written").isPositive();
        Recording again = second.recordNow(List.of(stance("alpha", "s-1", "2020-02-01", "north", "border", "demands")));
        assertThat(again.duplicates()).isEqualTo(1);
        assertThatThrownBy(() -> second.recordNow(List.of(stance("alpha", "s-3", "2020-02-02", "ghost", "border",
                "open")))).isInstanceOf(DevelopmentRefusedException.class);
        assertThat(second.recordNow(List.of(stance("alpha", "s-3", "2020-02-03", "north", "prisoners", "open")))
                .accepted()).isEqualTo(1);
    }

    private static long countSnapshots(Tracker tracker) {
        try (var c = tracker.database().transactions().getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM "
                     + tracker.database().schema().snapshotTable())) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void concurrentWritersToOneProcessLoseNothing(String kind) throws Exception {
        Tracker tracker = start(store(kind));
        tracker.recordNow(opening("alpha"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Recording>> all = IntStream.range(0, 200)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> tracker.recordNow(List.of(
                            stance("alpha", "c-" + i, "2020-03-01", i % 2 == 0 ? "north" : "south", "border",
                                    "open"))), pool))
                    .toList();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(all).allSatisfy(f -> assertThat(f.join().accepted()).isEqualTo(1));
            assertThat(all.stream().map(f -> f.join().outcomes().get(0).offset()).distinct().count()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        // concurrent commits land out of offset order: wait for each one, not for the last id
        CompletableFuture.allOf(IntStream.range(0, 200)
                .mapToObj(i -> tracker.catalogue().awaitRecorded("alpha", "c-" + i))
                .toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(tracker.catalogue().processes()).singleElement()
                .satisfies(p -> assertThat(p.developments()).isEqualTo(207));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void twoNodesOnOneStoreStayConsistent(String kind) throws Exception {
        StoreSettings settings = store(kind);
        Tracker a = start(settings);
        Tracker b = start(settings);
        a.recordNow(opening("alpha"));
        // b has never loaded alpha: it sources it from the store and sees a's developments as duplicates
        assertThat(b.recordNow(opening("alpha")).duplicates()).isEqualTo(7);
        // both cache alpha now; writes alternate between the nodes, each appending after the other
        for (int i = 0; i < 20; i++) {
            Tracker node = i % 2 == 0 ? a : b;
            assertThat(node.recordNow(List.of(stance("alpha", "n-" + i, "2020-03-01", "north", "border", "open")))
                    .accepted()).isEqualTo(1);
        }
        // a stale cache on a still decides on the fresh stream: b's n-19 is a conflict, not new
        assertThatThrownBy(() -> a.recordNow(List.of(stance("alpha", "n-19", "2020-03-01", "north", "border",
                "demands")))).isInstanceOfSatisfying(DevelopmentRefusedException.class,
                e -> assertThat(e.refusal()).isEqualTo(Refusal.ID_CONFLICT));
        a.catalogue().awaitRecorded("alpha", "n-19").get(10, TimeUnit.SECONDS);
        b.catalogue().awaitRecorded("alpha", "n-18").get(10, TimeUnit.SECONDS);
        assertThat(a.catalogue().development("alpha", "n-19")).isPresent();
        assertThat(b.catalogue().development("alpha", "n-18")).isPresent();
    }

    /** Collects what a node's change feed releases, and tells when it reached an offset. */
    private static final class Released implements org.diplomacytracker.core.live.ChangeFeed.Listener {
        final List<Long> offsets = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Long> late = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.Map<Long, CompletableFuture<Void>> waits = new java.util.concurrent.ConcurrentHashMap<>();

        Released(Tracker tracker) {
            tracker.feed().addListener(this);
        }

        @Override
        public void onChange(org.diplomacytracker.core.live.Change change) {
            offsets.add(change.offset());
            waits.forEach((offset, f) -> {
                if (change.offset() >= offset) {
                    f.complete(null);
                }
            });
        }

        @Override
        public void onLate(org.diplomacytracker.core.live.Change change) {
            late.add(change.offset());
        }

        void await(Tracker tracker, long offset) throws Exception {
            CompletableFuture<Void> f = waits.computeIfAbsent(offset, o -> new CompletableFuture<>());
            // released already? ask on the feed's thread, between releases
            tracker.feed().execute(() -> {
                if (tracker.feed().released() >= offset) {
                    f.complete(null);
                }
            });
            f.get(20, TimeUnit.SECONDS);
        }
    }

    private static long lastOffset(Recording r) {
        return r.outcomes().stream().mapToLong(Recording.Outcome::offset).max().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aNodesOwnCommitsReachItsReadModelsThroughTheStreamWithoutBeingReadBack(String kind) throws Exception {
        Tracker tracker = start(store(kind));
        Released released = new Released(tracker);
        Recording first = tracker.record(opening("alpha")).join();
        // the stream's first read on an empty store has no token to go on from: it reads the store
        long readBefore = tracker.readModelStream().readFromStore();
        List<Development> more = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            more.add(stance("alpha", "d-" + i, "2020-03-0" + (1 + i % 9), i % 2 == 0 ? "north" : "south",
                    "border", "open"));
        }
        Recording second = tracker.record(more).join();
        // the answer came after the read models had it
        assertThat(tracker.catalogue().development("alpha", "d-29")).isPresent();
        assertThat(tracker.state().consistentOffset()).isEqualTo(lastOffset(second));
        // every event reached the read models once, through the pooled processor's stream, which handed
        // the second commit on from what it wrote rather than read it back
        ReadModelProjection projection = tracker.projection();
        assertThat(projection.streamApplied()).isEqualTo(37);
        assertThat(projection.skipped()).isZero();
        assertThat(tracker.readModelStream().handedOnFromCommits()).isEqualTo(30);
        assertThat(tracker.readModelStream().readFromStore()).isEqualTo(readBefore);
        released.await(tracker, lastOffset(second));
        assertThat(released.offsets).hasSize(37).isSorted().doesNotHaveDuplicates();
        assertThat(released.late).isEmpty();
        assertThat(released.offsets.get(0)).isEqualTo(first.outcomes().get(0).offset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void aSecondNodeOnTheSameStoreSeesEveryDevelopmentOnceAndInOrder(String kind) throws Exception {
        StoreSettings settings = store(kind);
        Tracker a = start(settings);
        Tracker b = start(settings);
        Released onA = new Released(a);
        Released onB = new Released(b);
        a.recordNow(opening("alpha"));
        b.recordNow(opening("beta"));
        long last = 0;
        for (int i = 0; i < 10; i++) {
            Tracker node = i % 2 == 0 ? a : b;
            String process = i % 2 == 0 ? "alpha" : "beta";
            last = lastOffset(node.recordNow(List.of(
                    stance(process, "s-" + i, "2020-03-01", "north", "border", "open"),
                    stance(process, "t-" + i, "2020-02-01", "south", "border", "supports"))));
        }
        onA.await(a, last);
        onB.await(b, last);
        for (Released node : List.of(onA, onB)) {
            assertThat(node.offsets).hasSize(34).isSorted().doesNotHaveDuplicates();
            assertThat(node.late).isEmpty();
        }
        assertThat(onA.offsets).isEqualTo(onB.offsets);
        for (Tracker node : List.of(a, b)) {
            assertThat(node.catalogue().processes()).extracting(p -> p.developments()).containsExactlyInAnyOrder(17L, 17L);
            assertThat(node.state().state("beta", null, null).orElseThrow().offset()).isEqualTo(last);
        }
        for (Tracker node : List.of(a, b)) {
            assertThat(node.readModelProcessor()).isInstanceOf(PooledStreamingEventProcessor.class);
            assertThat(node.projection().streamApplied())
                    .as("its own developments and the other node's came through the pooled streaming processor")
                    .isEqualTo(34);
        }
    }
}
