package org.diplomacytracker.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What differs between the state on {@code from} and on {@code to}, both as known at {@code knownAt}:
 * one change per entry (section and key; positions keyed {@code actor/issue}), null where absent.
 */
public record StateDiff(String process, LocalDate from, LocalDate to, Instant knownAt, long offset,
                        List<Change> changes) {

    public StateDiff {
        changes = List.copyOf(changes);
    }

    /** One entry that differs. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Change(String section, String key, Object before, Object after) {
    }
}
