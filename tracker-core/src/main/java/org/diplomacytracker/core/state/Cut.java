package org.diplomacytracker.core.state;

import java.time.Instant;

/**
 * What was known: every event recorded at or before {@code knownAt} and at or below {@code maxOffset}
 * (the offset up to which the index has every event, so that no answer shows an event while missing
 * an earlier one). {@code knownAtNanos} is {@code knownAt} as {@link #nanos}, worked out once per
 * question for the versions' recorded times.
 */
record Cut(Instant knownAt, long maxOffset, long knownAtNanos) {

    Cut(Instant knownAt, long maxOffset) {
        this(knownAt, maxOffset, nanos(knownAt));
    }

    /** Seconds beyond which an instant is not kept in nanoseconds (about the years 1685 and 2255). */
    private static final long NANOS_RANGE_SECONDS = 9_000_000_000L;

    /**
     * Nanoseconds since the epoch, in the same order as the instants; {@link Long#MIN_VALUE} or
     * {@link Long#MAX_VALUE} for an instant outside about 1685–2255 (earlier or later than every
     * instant inside it).
     */
    static long nanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < -NANOS_RANGE_SECONDS) {
            return Long.MIN_VALUE;
        }
        if (seconds > NANOS_RANGE_SECONDS) {
            return Long.MAX_VALUE;
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }
}
