package org.diplomacytracker.core.store;

import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.diplomacytracker.events.IsoTime;

/**
 * Reads the timestamps the event store writes. Axon writes them as {@code 2024-11-28T09:00:00.123Z}
 * (UTC, milliseconds) and parses them back through a general ISO formatter, which is a noticeable part
 * of reading every event; this reads that shape directly ({@link IsoTime#fastInstant}) and hands anything else to Axon's parser,
 * so the result is always Axon's. Writing goes the same way: {@link IsoTime#formatMillis}.
 */
public final class StoredTimestamps {

    private StoredTimestamps() {
    }

    /** The last text read and its instant: events stored together mostly share their millisecond. */
    private record Last(String text, Instant instant) {
    }

    /**
     * Shared by every reading thread without a lock: a {@code Last} is immutable (final fields), so a
     * reader sees a whole pair, its own or another thread's, and a pair that does not match is only a miss.
     */
    private static Last last;

    /** The last instant written and what the store reads back for it (see {@link #written}). */
    private record Written(Instant instant, Instant stored) {
    }

    private static Written lastWritten;

    /**
     * What the store reads back for a timestamp written as {@link IsoTime#formatMillis} writes it — the
     * instant cut to its millisecond — or null when that cannot write it (outside the years 0000–9999).
     * The same as {@code parse(IsoTime.formatMillis(instant))}, without the text; and, like {@link #parse},
     * the same {@code Instant} for consecutive timestamps of one millisecond.
     */
    public static Instant written(Instant instant) {
        Written seen = lastWritten;
        if (seen != null && seen.instant.equals(instant)) {
            return seen.stored;
        }
        Instant stored = IsoTime.millisOf(instant);
        if (stored != null && seen != null && stored.equals(seen.stored)) {
            stored = seen.stored;
        }
        lastWritten = new Written(instant, stored);
        return stored;
    }

    /**
     * The stored text's instant. Consecutive events with the same text get the same {@code Instant}:
     * the read models keep every event's recordedAt for as long as the tracker runs, and a batch of
     * developments is stored within a few milliseconds, so this spares the heap most of those objects.
     */
    public static Instant parse(String text) {
        Last seen = last;
        if (seen != null && seen.text.equals(text)) {
            return seen.instant;
        }
        Instant fast = IsoTime.fastInstant(text);
        Instant parsed = fast != null ? fast : DateTimeUtils.parseInstant(text);
        last = new Last(text, parsed);
        return parsed;
    }
}
