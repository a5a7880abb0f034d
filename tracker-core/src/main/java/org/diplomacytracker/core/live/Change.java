package org.diplomacytracker.core.live;

import java.time.Instant;
import org.diplomacytracker.events.Development;

/**
 * A development as the feed releases it: with its global offset and recorded time, and the time its
 * event was appended (later than the recorded time only for a development imported from an export).
 */
public record Change(Development development, long offset, Instant recordedAt, Instant appendedAt) {

    public Change(Development development, long offset, Instant recordedAt) {
        this(development, offset, recordedAt, recordedAt);
    }

    public String process() {
        return development.process().value();
    }
}
