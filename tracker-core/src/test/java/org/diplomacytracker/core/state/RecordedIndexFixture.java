package org.diplomacytracker.core.state;

import static org.diplomacytracker.core.testing.Developments.opening;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.BeforeEach;

/**
 * A state index fed as the tracker feeds it: process {@link #P} opened, then developments at
 * consecutive offsets, each recorded a minute after the one before, from {@link #T0}; the clock
 * ("now") stands 30 days later and is moved by hand. What was applied is kept for a naive replay.
 */
abstract class RecordedIndexFixture {

    static final String P = "p";
    static final Instant T0 = Instant.parse("2024-11-20T10:00:00Z");

    MutableClock clock;
    StateIndex index;
    final List<NaiveState.Event> events = new ArrayList<>();
    long offset;
    Instant now;

    @BeforeEach
    void openProcess() {
        clock = new MutableClock(T0.plus(Duration.ofDays(30)));
        index = new StateIndex(clock, Duration.ofSeconds(3));
        events.clear();
        offset = 0;
        now = T0;
        opening(P).forEach(this::record);
    }

    /** Records at the next offset, one minute after the previous development. */
    Instant record(Development d) {
        offset++;
        now = now.plus(Duration.ofMinutes(1));
        apply(d, offset, now);
        return now;
    }

    void apply(Development d, long at, Instant recordedAt) {
        index.apply(d, at, recordedAt);
        events.add(new NaiveState.Event(d, at, recordedAt));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant instant;

        MutableClock(Instant instant) {
            this.instant = instant;
        }

        void set(Instant to) {
            instant = to;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
