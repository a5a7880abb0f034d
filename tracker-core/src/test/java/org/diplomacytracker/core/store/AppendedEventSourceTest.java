package org.diplomacytracker.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.diplomacytracker.core.TrackerConfiguration;
import org.diplomacytracker.core.testing.Developments;
import org.diplomacytracker.core.testing.TestDatabases;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read models' stream: the store's events in global order, straight from the storage engine, and
 * a reader told of each append through its callback or woken while it waits.
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

    @Test
    void passesOverWhatThePasserHasWithoutReadingItAndGoesOnWithExactOffsets() throws Exception {
        java.util.concurrent.atomic.AtomicLong passUpTo = new java.util.concurrent.atomic.AtomicLong(-1);
        List<Long> asked = new ArrayList<>();
        AppendedEventSource passing = new AppendedEventSource(engine, 3, after -> {
            asked.add(after);
            return Math.max(after, passUpTo.get());
        });
        List<String> first = append(1);
        try (BlockingStream<TrackedEventMessage<?>> stream = passing.openStream(null)) {
            assertThat(drain(stream)).containsExactlyElementsOf(first);
            List<String> more = append(6);
            List<Long> offsets = storedOffsets();
            passUpTo.set(offsets.get(4)); // the next four are had already
            List<Long> delivered = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                delivered.add(((OffsetTrackedMessage<?>) event).offset());
                ids.add(((Development) event.getPayload()).id().value());
            }
            assertThat(ids).containsExactlyElementsOf(more.subList(4, 6));
            assertThat(delivered).containsExactlyElementsOf(offsets.subList(5, 7));
            assertThat(asked).contains(offsets.get(0));
        }
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
