package org.diplomacytracker.core.process;

import java.time.Instant;
import java.util.List;

/**
 * What became of a submission, development by development in the submitted order: where each stands
 * in the store's global order, when it was recorded, and whether it was a duplicate of one recorded
 * before (then offset and time are the original's).
 */
public record Recording(List<Outcome> outcomes) {

    public Recording {
        outcomes = List.copyOf(outcomes);
    }

    /** One development's outcome. */
    public record Outcome(String process, String id, long offset, Instant recordedAt, boolean duplicate) {
    }

    public long accepted() {
        return outcomes.stream().filter(o -> !o.duplicate()).count();
    }

    public long duplicates() {
        return outcomes.stream().filter(Outcome::duplicate).count();
    }
}
