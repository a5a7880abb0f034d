package org.diplomacytracker.core.transfer;

import java.time.Instant;
import java.util.List;
import org.diplomacytracker.events.Development;

/**
 * Developments read from NDJSON with the 1-based line each came from (blank lines are skipped), and,
 * for lines of an export, the time each was first recorded ({@code recordedAt}: null when no line
 * carried one, else one per development, null for a line without).
 */
public record NdjsonBatch(List<Development> developments, int[] lines, List<Instant> recordedAt) {

    public NdjsonBatch {
        developments = List.copyOf(developments);
        lines = lines.clone();
        if (recordedAt != null) {
            if (recordedAt.size() != developments.size()) {
                throw new IllegalArgumentException("one recorded time per development");
            }
            recordedAt = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(recordedAt));
        }
    }

    public NdjsonBatch(List<Development> developments, int[] lines) {
        this(developments, lines, null);
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
