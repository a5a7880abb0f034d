package org.diplomacytracker.core.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.core.testing.Developments.stance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diplomacytracker.core.testing.FeedRecorder;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The feed releases what the read models hand it in offset order, each offset once, however fast
 * changes arrive, and a task sees the feed at one offset that includes everything offered before it.
 */
class ChangeFeedTest {

    private final ChangeFeed feed = new ChangeFeed(Duration.ofHours(1), 50, Duration.ofMillis(20));
    private final FeedRecorder recorder = new FeedRecorder();
    private final List<Long> released = recorder.released;
    private final Development development = stance("north-south", "s1", "2024-11-20", "north", "border", "supports");

    ChangeFeedTest() {
        feed.addListener(recorder);
    }

    @AfterEach
    void close() {
        feed.close();
    }

    private Change change(long offset) {
        return new Change(development, offset, Instant.now());
    }

    /** Hands over one change, as for an event the stream brought. */
    private void offer(long offset) {
        feed.offerAll(List.of(change(offset)));
    }

    /** Runs on the feed's thread once everything queued before it has run, and answers what it saw. */
    private long releasedSeenByATask() throws Exception {
        CompletableFuture<Long> seen = new CompletableFuture<>();
        feed.execute(() -> seen.complete(feed.released()));
        return seen.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBurstOfChangesIsReleasedInOrderEachOnceAndATaskAfterItSeesItAll() throws Exception {
        int n = 20_000; // several of the feed's drains, in runs as a commit hands them over, and one by one
        long offset = 1;
        while (offset <= n / 2) {
            List<Change> run = new ArrayList<>();
            for (int i = 0; i < 256 && offset <= n / 2; i++) {
                run.add(change(offset++));
            }
            feed.offerAll(run);
        }
        while (offset <= n) {
            offer(offset++);
        }
        assertThat(releasedSeenByATask()).isEqualTo(n);
        assertThat(released).hasSize(n);
        assertThat(recorder.late).isEmpty();
        for (int i = 0; i < n; i++) {
            assertThat(released.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void changesHandedOverFromAnotherThreadOneAtATimeAreAllReleased() throws Exception {
        Thread applier = new Thread(() -> {
            for (long offset = 1; offset <= 5_000; offset++) {
                offer(offset);
                if (offset % 97 == 0) {
                    Thread.onSpinWait();
                }
            }
        });
        applier.start();
        applier.join();
        assertThat(releasedSeenByATask()).isEqualTo(5_000);
        List<Long> expected = new ArrayList<>();
        for (long offset = 1; offset <= 5_000; offset++) {
            expected.add(offset);
        }
        assertThat(released).containsExactlyElementsOf(expected);
    }

    @Test
    void aChangeWaitsBehindAMissingOffsetUntilItArrives() throws Exception {
        offer(1);
        offer(2);
        offer(4);
        assertThat(releasedSeenByATask()).isEqualTo(2);
        assertThat(released).containsExactly(1L, 2L);
        offer(3);
        assertThat(releasedSeenByATask()).isEqualTo(4);
        assertThat(released).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void theLastChangesOfAProcessAreKeptForClientsThatResume() throws Exception {
        for (long offset = 1; offset <= 120; offset++) {
            offer(offset);
        }
        CompletableFuture<List<Change>> recent = new CompletableFuture<>();
        CompletableFuture<List<Change>> tooOld = new CompletableFuture<>();
        feed.execute(() -> {
            recent.complete(feed.since("north-south", 100));
            tooOld.complete(feed.since("north-south", 10));
        });
        assertThat(recent.get(10, TimeUnit.SECONDS)).extracting(Change::offset)
                .containsExactly(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L, 110L, 111L, 112L, 113L,
                        114L, 115L, 116L, 117L, 118L, 119L, 120L);
        assertThat(tooOld.get(10, TimeUnit.SECONDS)).as("beyond the 50 kept: the client must take a snapshot")
                .isNull();
    }
}
