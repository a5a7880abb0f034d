package org.diplomacytracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.core.testing.Developments.opening;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomacytracker.core.ReadModelProjection.AppliedOffsets;
import org.diplomacytracker.core.catalogue.Catalogue;
import org.diplomacytracker.core.live.ChangeFeed;
import org.diplomacytracker.core.state.StateIndex;
import org.diplomacytracker.core.store.OffsetTrackedMessage;
import org.diplomacytracker.core.store.OffsetTrackedMessages;
import org.diplomacytracker.core.testing.FeedRecorder;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read models take what the processor's stream hands them, at each event's own offset: nothing
 * twice (an event delivered again is skipped before it is deserialised), gap fillers where they
 * belong, and a processor batch or the start-up read handed to the models in runs.
 */
class ReadModelProjectionTest {

    private static final Instant RECORDED = Instant.parse("2026-11-26T12:00:00Z");

    private final List<Development> devs = opening("alpha");
    private final StateIndex state = new StateIndex();
    private final Catalogue catalogue = new Catalogue();
    private final ChangeFeed feed = new ChangeFeed(Duration.ofHours(1), 100, Duration.ofMillis(50));
    private final FeedRecorder recorder = new FeedRecorder();
    private final List<Long> released = recorder.released;
    private final List<Long> late = recorder.late;
    private final AtomicInteger deserialised = new AtomicInteger();

    {
        feed.addListener(recorder);
    }

    private final List<ReadModelProjection> projections = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        projections.forEach(ReadModelProjection::close);
        feed.close();
    }

    private ReadModelProjection projection() {
        ReadModelProjection projection = new ReadModelProjection(state, catalogue, feed, null);
        projections.add(projection);
        return projection;
    }

    /** Waits until the applier has applied everything decided so far. */
    private void settle() throws Exception {
        for (ReadModelProjection p : projections) {
            p.settled().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * What the processor hands over for development i at the given position: a token that
     * advanced to it, and a payload that counts its deserialisation.
     */
    private GenericTrackedDomainEventMessage<Development> streamed(int i, long position, long... gaps) {
        Development d = devs.get(i);
        GenericMessage<Development> lazy = new GenericMessage<>(d) {
            @Override
            public Development getPayload() {
                deserialised.incrementAndGet();
                return super.getPayload();
            }
        };
        TreeSet<Long> gapSet = new TreeSet<>();
        LongStream.of(gaps).forEach(gapSet::add);
        return new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(position, gapSet),
                "PeaceProcess", "alpha", i, lazy, () -> RECORDED);
    }

    /** As the processor's stream hands it over: with the offset the stream worked out. */
    private OffsetTrackedMessage<Development> fromStream(int i, long position, long offset, long... gaps) {
        return OffsetTrackedMessages.of(streamed(i, position, gaps), offset);
    }

    private List<Long> releasedOnceSettled() throws Exception {
        settle();
        CompletableFuture<Void> settled = new CompletableFuture<>();
        feed.execute(() -> settled.complete(null));
        settled.get(10, TimeUnit.SECONDS);
        return List.copyOf(released);
    }

    @Test
    void theStreamsEventsReachTheModelsInOrderAndReleaseWaitingWriters() throws Exception {
        ReadModelProjection projection = projection();
        CompletableFuture<Void> written = catalogue.awaitRecorded("alpha", devs.get(2).id().value());
        projection.on(streamed(0, 1));
        projection.on(streamed(1, 2));
        projection.on(streamed(2, 3));
        settle();

        assertThat(catalogue.lastOffset()).isEqualTo(3);
        assertThat(state.consistentOffset()).isEqualTo(3);
        assertThat(written).as("the write of offset 3 is answered once its state can be read").isDone();
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L, 3L);
        assertThat(projection.streamApplied()).isEqualTo(3);
    }

    @Test
    void aProcessorBatchReachesTheModelsAsOneRunWhenItCommits() throws Exception {
        ReadModelProjection projection = projection();
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            for (int i = 0; i < 3; i++) {
                projection.handle(streamed(i, i + 1));
            }
            assertThat(catalogue.lastOffset()).as("nothing handed over before the batch commits").isZero();
        } finally {
            batch.commit();
        }
        settle();
        assertThat(catalogue.lastOffset()).isEqualTo(3);
        // the next event, outside any batch, goes on its own
        projection.handle(streamed(3, 4));
        settle();
        assertThat(catalogue.lastOffset()).isEqualTo(4);
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void anEventDeliveredAgainIsSkippedWithoutDeserialisingIt() throws Exception {
        ReadModelProjection projection = projection();
        projection.on(fromStream(0, 1, 1));
        projection.on(fromStream(1, 2, 2));
        // the processor went back to its last stored token, and delivers both again, then the next
        projection.on(fromStream(0, 1, 1));
        projection.on(fromStream(1, 2, 2));
        projection.on(fromStream(2, 3, 3));

        assertThat(deserialised).hasValue(3);
        assertThat(projection.skipped()).isEqualTo(2);
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L, 3L);
        assertThat(late).isEmpty();
    }

    @Test
    void aGapFillerIsAppliedAtTheGapsOffsetAndAppliedOnlyOnce() throws Exception {
        ReadModelProjection projection = projection();
        projection.on(fromStream(0, 1, 1));
        projection.on(fromStream(2, 3, 3, 2)); // offset 2 is a transaction still committing
        projection.on(fromStream(1, 3, 2)); // it committed: the token no longer has the gap
        projection.on(fromStream(1, 3, 2)); // delivered again
        projection.on(fromStream(3, 4, 4));
        settle();

        assertThat(catalogue.development("alpha", devs.get(1).id().value())).get()
                .extracting(r -> r.offset()).isEqualTo(2L);
        assertThat(catalogue.lastOffset()).isEqualTo(4);
        assertThat(projection.skipped()).isEqualTo(1);
        // recorded long ago, the hole was taken for a skipped number at once: the filler is released late
        List<Long> all = new java.util.ArrayList<>(releasedOnceSettled());
        all.addAll(late);
        assertThat(all).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    }

    @Test
    void anOffsetTheStreamWorkedOutIsTakenAsItIs() throws Exception {
        ReadModelProjection projection = projection();
        projection.on(streamed(0, 1));
        projection.on(streamed(2, 3, 2));
        // the stream handed on events this projection did not see in turn (start-up read them, say), so the
        // tokens delivered here say nothing about which gap this one
        // fills: the offset the stream worked out says it
        GenericTrackedDomainEventMessage<Development> filler = streamed(1, 9, 2, 5, 7);
        projection.on(OffsetTrackedMessages.of(filler, 2));

        settle();
        assertThat(catalogue.development("alpha", devs.get(1).id().value())).get()
                .extracting(r -> r.offset()).as("not the token's index, 9").isEqualTo(2L);
        assertThat(catalogue.lastOffset()).isEqualTo(3);
        assertThat(projection.streamApplied()).isEqualTo(3);
    }

    @Test
    void theGapATokenNoLongerHasIsTheOneFilled() {
        assertThat(OffsetTrackedMessage.filledGap(new TreeSet<>(List.of(1L, 2L, 5L)), new TreeSet<>(List.of(2L, 5L))))
                .isEqualTo(1L);
        assertThat(OffsetTrackedMessage.filledGap(new TreeSet<>(List.of(1L, 2L, 5L)), new TreeSet<>(List.of(1L, 2L))))
                .isEqualTo(5L);
        assertThat(OffsetTrackedMessage.filledGap(new TreeSet<>(List.of(1L, 2L, 5L)), new TreeSet<>(List.of(1L, 5L))))
                .isEqualTo(2L);
        assertThat(OffsetTrackedMessage.filledGap(new TreeSet<>(List.of(1L, 2L)), new TreeSet<>(List.of(1L, 2L))))
                .isNull();
        assertThat(OffsetTrackedMessage.filledGap(new TreeSet<>(List.of(7L)), new TreeSet<>())).isEqualTo(7L);
    }

    @Test
    void appliedOffsetsKnowTheirHoles() {
        AppliedOffsets applied = new AppliedOffsets();
        applied.add(1);
        applied.add(4);
        assertThat(applied.contains(1)).isTrue();
        assertThat(applied.contains(2)).isFalse();
        assertThat(applied.contains(4)).isTrue();
        assertThat(applied.contains(5)).isFalse();
        applied.add(2);
        assertThat(applied.contains(2)).isTrue();
        assertThat(applied.contains(3)).isFalse();
        assertThat(applied.highest()).isEqualTo(4);
        // holes further below the highest than Axon's widest gap are forgotten, as the token forgets them
        applied.add(4 + AppliedOffsets.WIDEST + 1);
        assertThat(applied.contains(3)).as("forgotten: counts as applied").isTrue();
        assertThat(applied.contains(AppliedOffsets.WIDEST + 4)).isFalse();
    }

    @Test
    void aStartUpReadHandsOverInRunsAndEverythingIsAppliedInOrderOnceItEnds() throws Exception {
        ReadModelProjection projection = projection();
        projection.beginBulk();
        for (int i = 0; i < devs.size(); i++) {
            projection.on(streamed(i, i + 1));
        }
        // the last run is still being gathered: asking for a settled projection hands it over
        settle();
        assertThat(catalogue.lastOffset()).isEqualTo(devs.size());
        projection.endBulk();

        assertThat(releasedOnceSettled()).containsExactlyElementsOf(
                LongStream.rangeClosed(1, devs.size()).boxed().toList());
        assertThat(deserialised.get()).isEqualTo(devs.size());
    }

    @Test
    void whatARunHoldsIsAppliedWhenTheStartUpReadEnds() throws Exception {
        ReadModelProjection projection = projection();
        projection.beginBulk();
        projection.on(streamed(0, 1));
        projection.on(streamed(1, 2));
        projection.endBulk();
        settle();
        assertThat(catalogue.lastOffset()).isEqualTo(2);
        assertThat(catalogue.development("alpha", devs.get(1).id().value())).isPresent();
    }
}
