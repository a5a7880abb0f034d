package org.diplomacytracker.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.core.testing.Developments.dev;
import static org.diplomacytracker.core.testing.Developments.opening;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.Test;

/**
 * Readers asking the same (cached) questions while a writer applies: every answer holds exactly the
 * commitments recorded at or below its offset, and an answer never goes back to an older offset for
 * a reader that already saw a newer one.
 */
class CachedStateConcurrencyTest {

    private static final String P = "p";

    @Test
    void cachedAnswersFollowEveryApply() throws Exception {
        StateIndex index = new StateIndex();
        Instant t0 = Instant.parse("2024-11-20T10:00:00Z");
        long[] offset = {0};
        for (Development d : opening(P)) {
            index.apply(d, ++offset[0], t0.plusMillis(offset[0]));
        }
        long base = offset[0];
        int writes = 400;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                boolean pastDate = r == 1;
                readers.add(pool.submit(() -> {
                    long seen = 0;
                    while (writing.get()) {
                        NegotiationState s = index.state(P, pastDate ? LocalDate.parse("2020-06-01") : null, null)
                                .orElseThrow();
                        assertThat(s.offset()).isGreaterThanOrEqualTo(seen);
                        seen = s.offset();
                        long expected = 0;
                        for (long o = base + 1; o <= s.offset(); o++) {
                            // even offsets are commitments, odd ones retract the commitment before them
                            if ((o - base) % 2 == 1 && o + 1 > s.offset()) {
                                expected++;
                            }
                        }
                        assertThat(s.commitments()).as("commitments at offset %d", s.offset())
                                .hasSize((int) expected);
                    }
                    return null;
                }));
            }
            for (int i = 0; i < writes; i++) {
                long o = ++offset[0];
                Development d = (o - base) % 2 == 1
                        ? dev(P, "c" + o, "CommitmentMade", "2020-03-01", "\"actor\":\"north\",\"kind\":\"financial\"")
                        : dev(P, "r" + o, "DevelopmentRetracted", "2020-03-02", "\"target\":\"c" + (o - 1)
                        + "\",\"reason\":\"no\"");
                index.apply(d, o, t0.plus(Duration.ofMillis(o)));
                if (i % 20 == 0) {
                    Thread.yield();
                }
            }
            writing.set(false);
            for (Future<?> f : readers) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.state(P, null, null).orElseThrow().commitments()).isEmpty();
    }
}
