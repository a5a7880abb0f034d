package org.diplomacytracker.core.transfer;

import java.util.List;
import org.diplomacytracker.events.Development;

/** Developments read from NDJSON with the 1-based line each came from (blank lines are skipped). */
public record NdjsonBatch(List<Development> developments, int[] lines) {

    public NdjsonBatch {
        developments = List.copyOf(developments);
        lines = lines.clone();
    }

    public int size() {
        return developments.size();
    }

    public boolean isEmpty() {
        return developments.isEmpty();
    }

    /** The line the development at {@code index} came from. */
    public int lineOf(int index) {
        return lines[index];
    }
}
