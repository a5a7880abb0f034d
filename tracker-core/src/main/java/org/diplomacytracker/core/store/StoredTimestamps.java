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

    public static Instant parse(String text) {
        Instant fast = IsoTime.fastInstant(text);
        return fast != null ? fast : DateTimeUtils.parseInstant(text);
    }
}
