package org.diplomacytracker.core.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which offsets of the store's global order a reader has not seen yet below the highest it has seen.
 * Concurrent transactions commit out of offset order, so a hole is usually a transaction still
 * committing; one still open {@code grace} after it was noticed is taken for a number the store
 * skipped (a rolled-back insert burns one). Holes among events recorded long before they are read —
 * a rebuild at start — are skipped numbers from the outset. Not thread-safe.
 */
public final class OffsetHoles {

    /** An event recorded longer ago than this when read is being replayed, not arriving live. */
    private static final Duration REPLAY_HORIZON = Duration.ofMinutes(1);
    /** Holes wider than this are skipped numbers, not transactions in flight. */
    private static final long WIDEST = 10_000;

    private final Clock clock;
    private final Duration grace;
    /** Open holes, with the moment each stops holding readers back. */
    private final TreeMap<Long, Instant> holes = new TreeMap<>();
    private long highest;

    public OffsetHoles(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    /** Notes an event read at {@code offset}, recorded at {@code recordedAt}. */
    public void seen(long offset, Instant recordedAt) {
        if (offset > highest) {
            if (offset > highest + 1) { // the next offset, the usual case, opens no hole
                Instant now = clock.instant();
                Instant until = recordedAt.isBefore(now.minus(REPLAY_HORIZON)) ? Instant.MIN : now.plus(grace);
                for (long missing = Math.max(highest + 1, offset - WIDEST); missing < offset; missing++) {
                    holes.put(missing, until);
                }
            }
            highest = offset;
        } else {
            holes.remove(offset);
        }
        if (holes.size() > 1_000) {
            holes.values().removeIf(until -> !until.isAfter(clock.instant()));
        }
    }

    /** The highest offset below which nothing is missing but holes given up. */
    public long consistent() {
        if (holes.isEmpty()) {
            return highest;
        }
        Instant now = clock.instant();
        for (Map.Entry<Long, Instant> hole : holes.entrySet()) {
            if (hole.getValue().isAfter(now)) {
                return hole.getKey() - 1;
            }
        }
        return highest;
    }

    public long highest() {
        return highest;
    }
}
