package org.diplomacytracker.core.live;

import java.time.Instant;
import org.diplomacytracker.events.Development;

/** A development as the feed releases it: with its global offset and recorded time. */
public record Change(Development development, long offset, Instant recordedAt) {

    public String process() {
        return development.process().value();
    }
}
