package org.diplomacytracker.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.diplomacytracker.core.TrackerConfiguration;
import org.diplomacytracker.core.testing.Developments;
import org.diplomacytracker.core.testing.TestDatabases;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read models' stream: the store's events in global order — this node's commits handed on from
 * what they wrote, exactly as reading them back would give them, everything else read from the
 * storage engine — and a reader told of each append through its callback or woken while it waits.
 */
class AppendedEventSourceTest {

    @TempDir
    Path dir;

    private EventStoreDatabase db;
    private EventStorageEngine engine;
    private AppendedEventSource source;
    private long sequence;

    @BeforeEach
    void open() {
        db = EventStoreDatabase.open(StoreSettings.embedded(dir.resolve("data")), 2);
        engine = TrackerConfiguration.storageEngine(db);
        source = new AppendedEventSource(engine, 3);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Appends {@code count} developments of process "alpha" in one transaction. */
    private List<String> append(int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long n = sequence++;
            Development d = Developments.stance("alpha", "s-" + n, "2024-11-01", "north", "border", "open");
            events.add(new GenericDomainEventMessage<>("PeaceProcess", "alpha", n, d));
            ids.add(d.id().value());
        }
        db.transactions().executeInTransaction(() -> engine.appendEvents(events));
        return ids;
    }

    private static List<String> drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (stream.hasNextAvailable()) {
            ids.add(((Development) stream.nextAvailable().getPayload()).id().value());
        }
        return ids;
    }

    @Test
    void readsTheStoresEventsInOrderAcrossFetchesAndGoesOnAfterTheLastRead() throws Exception {
        List<String> first = append(7); // more than the fetch size of 3
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            assertThat(stream.peek()).get().extracting(e -> ((Development) e.getPayload()).id().value())
                    .isEqualTo(first.get(0));
            assertThat(drain(stream)).containsExactlyElementsOf(first);
            assertThat(stream.hasNextAvailable()).as("nothing more in the store").isFalse();

            List<String> second = append(2);
            source.appended(); // as another node's notification does
            assertThat(drain(stream)).as("goes on after the last event read").containsExactlyElementsOf(second);
        }
    }

    @Test
    void startsAfterTheTokenItIsOpenedWith() throws Exception {
        List<String> ids = append(5);
        TrackingToken afterTwo;
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            stream.nextAvailable();
            afterTwo = stream.nextAvailable().trackingToken();
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(afterTwo)) {
            assertThat(drain(stream)).containsExactlyElementsOf(ids.subList(2, 5));
        }
    }

    /** The global offsets of the store's events, in order. */
    private List<Long> storedOffsets() throws Exception {
        return TestDatabases.storedColumn(db, db.schema().globalIndexColumn()).stream().map(Long::valueOf).toList();
    }

    @Test
    void eachEventIsHandedOnWithItsOwnOffsetAndKeepsItUnderAnotherToken() throws Exception {
        append(4);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            List<Long> offsets = new ArrayList<>();
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                assertThat(event).isInstanceOf(OffsetTrackedMessage.class);
                offsets.add(((OffsetTrackedMessage<?>) event).offset());
                assertThat(((OffsetTrackedMessage<?>) event.withTrackingToken(null)).offset())
                        .as("Axon's processor re-tokens events before handing them to handlers")
                        .isEqualTo(offsets.get(offsets.size() - 1));
            }
            assertThat(offsets).isEqualTo(storedOffsets());
        }
    }

    private static TrackedEventMessage<?> at(long index, long... gaps) {
        java.util.TreeSet<Long> set = new java.util.TreeSet<>();
        for (long g : gaps) {
            set.add(g);
        }
        return new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(index, set),
                new GenericDomainEventMessage<>("PeaceProcess", "alpha", 0, "payload"));
    }

    private static long offset(TrackedEventMessage<?> event, TrackingToken before) {
        return ((OffsetTrackedMessage<?>) AppendedEventSource.withOffset(event, before)).offset();
    }

    @Test
    void anEventThatFillsAGapHasTheGapsOffsetNotTheTokensIndex() {
        TrackingToken before = at(9, 4, 6).trackingToken();
        assertThat(offset(at(12, 4, 6, 10, 11), before)).as("moves the index up").isEqualTo(12);
        assertThat(offset(at(9, 4), before)).as("fills gap 6").isEqualTo(6);
        assertThat(offset(at(9, 6), before)).as("fills gap 4").isEqualTo(4);
        assertThat(offset(at(5), null)).as("the first event read from the start").isEqualTo(5);
        // the same index with gaps that are not one fewer (Axon dropped old gaps meanwhile): not guessed
        assertThat(offset(at(9), before)).isEqualTo(OffsetTrackedMessage.UNKNOWN);
    }

    /**
     * Appends {@code count} developments of "alpha" as this node's recorder does, and hands {@code to}
     * what was committed: the messages as appended, at their stored offsets (their times are stored to
     * the millisecond, as the recorder's are once it gave them the stored time).
     */
    private List<String> appendCommitted(AppendedEventSource to, int count) throws Exception {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < count; i++) {
            long n = sequence++;
            Development d = Developments.stance("alpha", "s-" + n, "2024-11-01", "north", "border", "open");
            events.add(new GenericDomainEventMessage<>("PeaceProcess", "alpha", n, d, MetaData.emptyInstance(),
                    IdentifierFactory.getInstance().generateIdentifier(), now));
            ids.add(d.id().value());
        }
        db.transactions().executeInTransaction(() -> engine.appendEvents(events));
        List<Long> offsets = storedOffsets();
        List<Long> own = offsets.subList(offsets.size() - count, offsets.size());
        List<AppendedEventSource.Committed> committed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            committed.add(new AppendedEventSource.Committed(own.get(i), events.get(i)));
        }
        to.committed(committed);
        return ids;
    }

    /** What a reader of the stream sees of an event: all of it the read models use, and its token. */
    private record Seen(TrackingToken token, long offset, String identifier, String id, Instant timestamp) {
        static Seen of(TrackedEventMessage<?> event) {
            return new Seen(event.trackingToken(), ((OffsetTrackedMessage<?>) event).offset(), event.getIdentifier(),
                    ((Development) event.getPayload()).id().value(), event.getTimestamp());
        }
    }

    private static List<Seen> seen(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<Seen> seen = new ArrayList<>();
        while (stream.hasNextAvailable()) {
            seen.add(Seen.of(stream.nextAvailable()));
        }
        return seen;
    }

    private AppendedEventSource keeping(long storeCheckMillis) {
        return new AppendedEventSource(engine, 3, storeCheckMillis);
    }

    @Test
    void handsOnThisNodesCommitsWithoutReadingThemBackExactlyAsReadingThemWouldHave() throws Exception {
        AppendedEventSource kept = keeping(TimeUnit.HOURS.toMillis(1));
        append(2); // before the stream was opened: read from the store
        TrackingToken afterTwo;
        List<Seen> handedOn;
        try (BlockingStream<TrackedEventMessage<?>> stream = kept.openStream(null)) {
            List<Seen> first = seen(stream);
            assertThat(first).hasSize(2);
            afterTwo = first.get(1).token();
            List<String> ids = appendCommitted(kept, 7); // more than a fetch
            handedOn = seen(stream);
            assertThat(handedOn).extracting(Seen::id).containsExactlyElementsOf(ids);
        }
        assertThat(kept.readFromStore()).isEqualTo(2);
        assertThat(kept.handedOnFromCommits()).as("none of this node's commits read back").isEqualTo(7);
        assertThat(kept.kept()).as("nothing kept once the stream went past it").isZero();

        try (BlockingStream<TrackedEventMessage<?>> reading = source.openStream(afterTwo)) {
            assertThat(handedOn).as("tokens, offsets, identifiers, payloads and times as the store gives them")
                    .containsExactlyElementsOf(seen(reading));
        }
    }

    @Test
    void aCommitThatIsNotNextInTheStoreWaitsForTheStoreToBeRead() throws Exception {
        AppendedEventSource kept = keeping(TimeUnit.HOURS.toMillis(1));
        try (BlockingStream<TrackedEventMessage<?>> stream = kept.openStream(null)) {
            assertThat(stream.hasNextAvailable()).isFalse();
            // this node's first is the stream's first: its token has no index yet, so it reads the store
            List<String> first = appendCommitted(kept, 1);
            assertThat(seen(stream)).extracting(Seen::id).containsExactlyElementsOf(first);
            List<String> others = append(1); // another node's, between this node's commits
            List<String> own = appendCommitted(kept, 2);
            assertThat(seen(stream)).extracting(Seen::id).containsExactly(others.get(0), own.get(0), own.get(1));
        }
        assertThat(kept.handedOnFromCommits()).isZero();
        assertThat(kept.readFromStore()).isEqualTo(4);
        assertThat(kept.kept()).isZero();
    }

    /** Opens a stream on {@code on} that already went up to {@code index} with {@code gaps} still open. */
    private static BlockingStream<TrackedEventMessage<?>> openAt(AppendedEventSource on, long index, Long... gaps) {
        return on.openStream(GapAwareTrackingToken.newInstance(index, new java.util.TreeSet<>(List.of(gaps))));
    }

    @Test
    void aCommitThatFillsAGapOfTheTokenIsHandedOnAsTheGapsFillerThenWhatFollows() throws Exception {
        AppendedEventSource kept = keeping(TimeUnit.HOURS.toMillis(1));
        append(3);
        List<Long> offsets = storedOffsets();
        // the stream went up to the third with the second still in flight when it read
        try (BlockingStream<TrackedEventMessage<?>> stream = openAt(kept, offsets.get(2), offsets.get(1))) {
            List<String> ids = appendCommitted(kept, 1);
            kept.committed(List.of()); // nothing new: nothing to hand on
            // the second's commit, as its recorder hands it over once committed
            DomainEventMessage<?> second = engine.readEvents("alpha", 1).next();
            kept.committed(List.of(new AppendedEventSource.Committed(offsets.get(1), second)));
            List<Seen> handedOn = seen(stream);
            assertThat(handedOn).extracting(Seen::offset).containsExactly(offsets.get(1), storedOffsets().get(3));
            assertThat(handedOn.get(0).token()).isEqualTo(GapAwareTrackingToken.newInstance(offsets.get(2), List.of()));
            assertThat(handedOn.get(1).id()).isEqualTo(ids.get(0));
        }
        assertThat(kept.handedOnFromCommits()).isEqualTo(2);
        assertThat(kept.readFromStore()).isZero();
    }

    @Test
    void withGapsOpenItStillReadsTheStoreForFillersOnlyTheStoreHas() throws Exception {
        append(3);
        List<Long> offsets = storedOffsets();
        // checking the store every time: the gap's filler is another node's, in the store only
        AppendedEventSource checking = keeping(0);
        try (BlockingStream<TrackedEventMessage<?>> stream = openAt(checking, offsets.get(2), offsets.get(1))) {
            appendCommitted(checking, 1);
            assertThat(seen(stream)).extracting(Seen::offset).containsExactly(offsets.get(1), storedOffsets().get(3));
        }
        assertThat(checking.readFromStore()).isEqualTo(2);
        // checking the store only now and then: what this node committed goes on first; the filler comes
        // with the next read of the store (here: once nothing kept is left to hand on)
        AppendedEventSource seldom = keeping(TimeUnit.HOURS.toMillis(1));
        try (BlockingStream<TrackedEventMessage<?>> stream = openAt(seldom, storedOffsets().get(3), offsets.get(1))) {
            appendCommitted(seldom, 1);
            assertThat(seen(stream)).extracting(Seen::offset).containsExactly(storedOffsets().get(4), offsets.get(1));
        }
        assertThat(seldom.handedOnFromCommits()).isEqualTo(1);
        assertThat(seldom.readFromStore()).isEqualTo(1);
    }

    @Test
    void anIdleStreamReadsTheStoreAgainOnlyWhenToldOrAfterTheCheckInterval() throws Exception {
        AppendedEventSource told = keeping(TimeUnit.HOURS.toMillis(1));
        try (BlockingStream<TrackedEventMessage<?>> stream = told.openStream(null)) {
            for (int i = 0; i < 5; i++) {
                assertThat(stream.hasNextAvailable()).isFalse();
            }
            assertThat(told.storeReads()).as("one query, not one per question").isEqualTo(1);
            List<String> ids = append(1);
            assertThat(stream.hasNextAvailable()).as("not told yet").isFalse();
            told.committed(List.of()); // a commit none of whose events could be handed over as written
            assertThat(told.kept()).isZero();
            assertThat(drain(stream)).containsExactlyElementsOf(ids);
        }
        AppendedEventSource polling = keeping(0);
        try (BlockingStream<TrackedEventMessage<?>> stream = polling.openStream(engine.createHeadToken())) {
            assertThat(stream.hasNextAvailable()).isFalse();
            List<String> ids = append(1);
            assertThat(drain(stream)).as("found without being told, once the interval passed").containsExactlyElementsOf(ids);
        }
    }

    @Test
    void commitsAreKeptOnlyWhileAnOpenStreamMayStillNeedThem() throws Exception {
        AppendedEventSource kept = keeping(TimeUnit.HOURS.toMillis(1));
        appendCommitted(kept, 2);
        assertThat(kept.kept()).as("no stream open").isZero();
        try (BlockingStream<TrackedEventMessage<?>> stream = kept.openStream(null)) {
            assertThat(seen(stream)).hasSize(2);
            appendCommitted(kept, 2);
            assertThat(kept.kept()).isEqualTo(2);
        }
        assertThat(kept.kept()).as("the only stream closed").isZero();
        assertThat(kept.readFromStore()).isEqualTo(2);
    }

    @Test
    void anAppendRunsTheReadersCallbackAndThenTheEventsAreThere() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            AtomicInteger called = new AtomicInteger();
            List<List<String>> seenWhenCalled = new ArrayList<>();
            assertThat(stream.setOnAvailableCallback(() -> {
                called.incrementAndGet();
                try {
                    seenWhenCalled.add(drain(stream));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            })).as("the pooled processor is told, rather than left to poll").isTrue();
            assertThat(stream.hasNextAvailable()).isFalse();

            List<String> ids = append(2);
            source.appended(); // as the event store does once the commit is done
            assertThat(called).hasValue(1);
            assertThat(seenWhenCalled).containsExactly(ids);
        }
    }

    @Test
    void aWaitingReaderIsWokenByTheAppendNotByItsTimeout() {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
                try {
                    return stream.hasNextAvailable(10, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            // whether the reader is already waiting or not yet: it reads after the append, or is woken by it
            append(1);
            source.appended();
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(60), () -> waited.join())).isTrue();
        }
    }

    @Test
    void aClosedStreamIsNoLongerToldAndHasNothing() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger called = new AtomicInteger();
        stream.setOnAvailableCallback(called::incrementAndGet);
        stream.close();
        append(1);
        source.appended();
        assertThat(called).hasValue(0);
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThatThrownBy(stream::nextAvailable).isInstanceOf(IllegalStateException.class);
    }
}
