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
import org.diplomacytracker.core.ReadModelProjection.AppliedOffsets;
import org.diplomacytracker.core.ReadModelProjection.Committed;
import org.diplomacytracker.core.catalogue.Catalogue;
import org.diplomacytracker.core.live.ChangeFeed;
import org.diplomacytracker.core.process.Recording;
import org.diplomacytracker.core.state.StateIndex;
import org.diplomacytracker.core.store.OffsetTrackedMessage;
import org.diplomacytracker.core.store.OffsetTrackedMessages;
import org.diplomacytracker.core.testing.FeedRecorder;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who applies what: this node's commits go straight to the read models when that keeps the store's
 * order, the stream brings everything else, and nothing reaches the read models twice or out of order.
 */
class ReadModelProjectionTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
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

    private ReadModelProjection projection(long holeGraceNanos) {
        ReadModelProjection projection = new ReadModelProjection(state, catalogue, feed, null, holeGraceNanos);
        projections.add(projection);
        return projection;
    }

    /** Waits until the applier has applied everything decided so far. */
    private void settle() throws Exception {
        for (ReadModelProjection p : projections) {
            p.settled().get(10, TimeUnit.SECONDS);
        }
    }

    /** Development i (0-based) of the opening, committed at the given offset. */
    private Committed committed(int i, long offset) {
        return new Committed(devs.get(i), offset, RECORDED);
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

    private List<Long> releasedOnceSettled() throws Exception {
        settle();
        CompletableFuture<Void> settled = new CompletableFuture<>();
        feed.execute(() -> settled.complete(null));
        settled.get(10, TimeUnit.SECONDS);
        return List.copyOf(released);
    }

    @Test
    void aCommitThatFollowsWhatWasAppliedGoesStraightToTheReadModels() throws Exception {
        ReadModelProjection projection = projection(HOUR);

        assertThat(projection.applyCommitted(List.of(committed(1, 2), committed(0, 1), committed(2, 3)))).isEqualTo(3);
        settle();

        assertThat(catalogue.lastOffset()).isEqualTo(3);
        assertThat(catalogue.development("alpha", "alpha-south")).isPresent();
        assertThat(state.consistentOffset()).isEqualTo(3);
        assertThat(catalogue.awaitRecorded("alpha", "alpha-south")).isDone();
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theStreamPassesOverWhatCommitsAppliedOnlyOnceItHandledAllItDeliveredAndNeverOverWhatIsNotApplied() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        projection.on(streamed(0, 1)); // the stream delivered and handled offset 1
        projection.applyCommitted(List.of(committed(1, 2), committed(2, 3), committed(3, 4)));

        assertThat(projection.pass(3)).as("the stream read up to 3 but handled only 1").isEqualTo(3);
        assertThat(projection.pass(1)).as("2 to 4 applied from commits").isEqualTo(4);
        assertThat(projection.passed()).isEqualTo(3);
        assertThat(projection.skipped()).isEqualTo(3);
        assertThat(projection.whenStreamReached(4)).isDone();
        assertThat(projection.pass(4)).as("nothing applied past 4").isEqualTo(4);

        // offset 6 arrives from the stream before 5, which stays a hole: the commit of 7 waits behind
        // it for the stream, and is not passed over
        projection.on(streamed(5, 6, 5));
        assertThat(projection.applyCommitted(List.of(committed(6, 7)))).isZero();
        assertThat(projection.pass(6)).isEqualTo(6);
        assertThat(projection.passed()).isEqualTo(3);
        settle();
        assertThat(catalogue.lastOffset()).isEqualTo(6);
    }

    @Test
    void anOffsetTheStreamWorkedOutIsTakenAsItIs() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        projection.on(streamed(0, 1));
        projection.on(streamed(2, 3, 2));
        // the stream passed over events, so the tokens delivered here say nothing about which gap this one
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
    void theStreamSkipsWhatACommitAppliedWithoutDeserialisingIt() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        projection.applyCommitted(List.of(committed(0, 1), committed(1, 2)));

        projection.on(streamed(0, 1));
        projection.on(streamed(1, 2));
        projection.on(streamed(2, 3));

        assertThat(deserialised).hasValue(1); // only offset 3, which no commit applied
        assertThat(projection.skipped()).isEqualTo(2);
        settle();
        assertThat(catalogue.lastOffset()).isEqualTo(3);
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L, 3L);
        assertThat(late).isEmpty();
    }

    /** The recording of developments 0..n-1 at offsets 1..n, none a duplicate. */
    private Recording recording(int n) {
        List<Recording.Outcome> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            outcomes.add(new Recording.Outcome("alpha", devs.get(i).id().value(), i + 1, RECORDED, false));
        }
        return new Recording(outcomes);
    }

    @Test
    void theStreamWaitsForACommitOfThisNodeInsteadOfDeserialisingItToo() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        Recording recording = recording(2);
        projection.committing(recording); // announced inside the transaction, before the commit

        // the stream saw the commit before the recorder handed it over
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            projection.on(streamed(0, 1));
            projection.on(streamed(1, 2));
        });
        Thread.sleep(200);
        assertThat(stream).as("the stream waits for the recorder").isNotDone();

        assertThat(projection.applyCommitted(devs.subList(0, 2), recording)).isEqualTo(2);
        stream.get(10, TimeUnit.SECONDS);
        assertThat(deserialised).hasValue(0);
        assertThat(projection.skipped()).isEqualTo(2);
        assertThat(projection.streamApplied()).isZero();
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L);
    }

    @Test
    void aCommitThatFailedOrWasHandedBackIsTheStreamsToApply() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        Recording failed = recording(1);
        projection.committing(failed);
        projection.abandoned(failed); // the commit failed after all: nothing waits for it
        projection.on(streamed(0, 1));
        assertThat(deserialised).hasValue(1);

        // a commit the recorder may not apply (something before it is missing) goes back to the stream
        Recording behind = new Recording(List.of(
                new Recording.Outcome("alpha", devs.get(2).id().value(), 3, RECORDED, false)));
        projection.committing(behind);
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> projection.on(streamed(2, 3, 2)));
        Thread.sleep(200);
        assertThat(stream).isNotDone();
        assertThat(projection.applyCommitted(List.of(devs.get(2)), behind)).isZero();
        stream.get(10, TimeUnit.SECONDS);
        assertThat(deserialised).hasValue(2);
        assertThat(projection.streamApplied()).isEqualTo(2);
        settle();
        assertThat(catalogue.development("alpha", devs.get(2).id().value())).isPresent();
    }

    /** The recording of developments at the given 1-based offsets (development i at offset i). */
    private Recording recordingAt(int... offsets) {
        List<Recording.Outcome> outcomes = new java.util.ArrayList<>();
        for (int o : offsets) {
            outcomes.add(new Recording.Outcome("alpha", devs.get(o - 1).id().value(), o, RECORDED, false));
        }
        return new Recording(outcomes);
    }

    private List<Development> devsAt(int... offsets) {
        return java.util.Arrays.stream(offsets).mapToObj(o -> devs.get(o - 1)).toList();
    }

    @Test
    void twoCommitsOfThisNodeThatFinishInTheOtherOrderAreBothAppliedByTheRecorder() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        Recording first = recordingAt(1, 2);
        Recording second = recordingAt(3, 4);
        projection.committing(first);
        projection.committing(second);

        // the second commit returns first: it waits for the first, parked, and the stream waits for it
        assertThat(projection.applyCommitted(devsAt(3, 4), second)).isZero();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            projection.on(streamed(2, 3, 1, 2));
            projection.on(streamed(3, 4, 1, 2));
        });
        Thread.sleep(200);
        assertThat(stream).isNotDone();
        assertThat(catalogue.lastOffset()).isZero();

        assertThat(projection.applyCommitted(devsAt(1, 2), first)).isEqualTo(4);
        stream.get(10, TimeUnit.SECONDS);
        // the gaps filled later: their offsets read off the tokens (this projection has no database)
        projection.on(streamed(0, 4, 2));
        projection.on(streamed(1, 4));

        assertThat(deserialised).hasValue(0);
        assertThat(projection.directlyApplied()).isEqualTo(4);
        assertThat(projection.skipped()).isEqualTo(4);
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void twoCommitsOfThisNodeWhoseOffsetsInterleaveAreAppliedInTheStoresOrder() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        // two transactions inserted at once: one got 1, 2 and 5, 6, the other 3, 4 and 7
        Recording one = recordingAt(1, 2, 5, 6);
        Recording other = recordingAt(3, 4, 7);
        projection.committing(one);
        projection.committing(other);

        assertThat(projection.applyCommitted(devsAt(3, 4, 7), other)).isZero();
        assertThat(projection.applyCommitted(devsAt(1, 2, 5, 6), one)).isEqualTo(7);
        for (int i = 0; i < 7; i++) {
            projection.on(streamed(i, i + 1));
        }

        assertThat(deserialised).hasValue(0);
        assertThat(projection.directlyApplied()).isEqualTo(7);
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aParkedCommitWhoseEarlierOneFailedGoesToTheStream() throws Exception {
        ReadModelProjection projection = projection(0); // a hole is given up at once
        Recording failed = recordingAt(1, 2);
        Recording second = recordingAt(3, 4);
        projection.committing(failed);
        projection.committing(second);
        assertThat(projection.applyCommitted(devsAt(3, 4), second)).isZero();

        projection.abandoned(failed); // 1 and 2 never reach the store
        projection.on(streamed(2, 3, 1, 2));
        projection.on(streamed(3, 4, 1, 2));

        assertThat(deserialised).hasValue(2);
        settle();
        assertThat(catalogue.lastOffset()).isEqualTo(4);
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
    void aCommitBehindTheReadModelsIsLeftToTheStream() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        // offset 1 is another node's, not seen yet: applying 2 now would overtake it
        assertThat(projection.applyCommitted(List.of(committed(1, 2)))).isZero();
        settle();
        assertThat(catalogue.lastOffset()).isZero();

        projection.on(streamed(0, 1));
        projection.on(streamed(1, 2));

        assertThat(deserialised).hasValue(2);
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L);
    }

    @Test
    void anOpenHoleSendsCommitsToTheStreamUntilItIsGivenUp() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        projection.on(streamed(0, 1));
        projection.on(streamed(2, 3, 2)); // offset 2 still committing somewhere

        assertThat(projection.applyCommitted(List.of(committed(3, 4)))).isZero();
        projection.on(streamed(3, 4, 2));
        settle();
        assertThat(catalogue.development("alpha", "alpha-envoy")).isPresent();
        assertThat(deserialised).hasValue(3);
        assertThat(projection.skipped()).isZero();
    }

    @Test
    void aHoleGivenUpNoLongerHoldsCommitsBack() throws Exception {
        ReadModelProjection projection = projection(0);
        projection.on(streamed(0, 1));
        projection.on(streamed(2, 3, 2)); // offset 2 was a number the store skipped

        assertThat(projection.applyCommitted(List.of(committed(3, 4)))).isEqualTo(1);
        settle();
        assertThat(catalogue.lastOffset()).isEqualTo(4);
    }

    @Test
    void aCommitPartlyAppliedByTheStreamContinuesWhereTheStreamStopped() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        projection.on(streamed(0, 1));
        projection.on(streamed(1, 2));

        assertThat(projection.applyCommitted(List.of(committed(0, 1), committed(1, 2), committed(2, 3)))).isEqualTo(1);
        projection.on(streamed(2, 3));

        assertThat(projection.skipped()).isEqualTo(1);
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aCommitInterleavedWithAnotherStopsAtTheOtherOnesOffset() throws Exception {
        ReadModelProjection projection = projection(HOUR);
        // this commit got 1, 2 and 4; another transaction got 3
        assertThat(projection.applyCommitted(List.of(committed(0, 1), committed(1, 2), committed(3, 4)))).isEqualTo(2);

        projection.on(streamed(0, 1));
        projection.on(streamed(1, 2));
        projection.on(streamed(2, 3));
        projection.on(streamed(3, 4));

        assertThat(projection.skipped()).isEqualTo(2);
        assertThat(releasedOnceSettled()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void appliedOffsetsKnowTheirHoles() {
        AppliedOffsets applied = new AppliedOffsets(HOUR);
        applied.add(1, 0);
        applied.add(4, 0);
        assertThat(applied.contains(1)).isTrue();
        assertThat(applied.contains(2)).isFalse();
        assertThat(applied.contains(4)).isTrue();
        assertThat(applied.contains(5)).isFalse();
        assertThat(applied.continuesWithoutOpenHoles(5, 0)).isFalse();
        applied.add(2, 0);
        applied.add(3, 0);
        assertThat(applied.contains(2)).isTrue();
        assertThat(applied.continuesWithoutOpenHoles(5, 0)).isTrue();
        assertThat(applied.continuesWithoutOpenHoles(6, 0)).isFalse();
        // a hole left open past its grace no longer holds anything back
        applied.add(7, 0);
        assertThat(applied.continuesWithoutOpenHoles(8, HOUR - 1)).isFalse();
        assertThat(applied.continuesWithoutOpenHoles(8, HOUR)).isTrue();
        assertThat(applied.contains(5)).isFalse();
    }

    @Test
    void aStartUpReadHandsOverInRunsAndEverythingIsAppliedInOrderOnceItEnds() throws Exception {
        ReadModelProjection projection = projection(HOUR);
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
        ReadModelProjection projection = projection(HOUR);
        projection.beginBulk();
        projection.on(streamed(0, 1));
        projection.on(streamed(1, 2));
        projection.endBulk();
        settle();
        assertThat(catalogue.lastOffset()).isEqualTo(2);
        assertThat(catalogue.development("alpha", devs.get(1).id().value())).isPresent();
    }
}
