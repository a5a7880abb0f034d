package org.diplomacytracker.core.state;

import java.time.Instant;
import java.util.List;

/** Every version of one actor's position on one issue known at {@code knownAt}, in valid-time order. */
public record PositionHistory(String process, String actor, String issue, Instant knownAt,
                              List<PositionVersion> versions) {

    public PositionHistory {
        versions = List.copyOf(versions);
    }
}
