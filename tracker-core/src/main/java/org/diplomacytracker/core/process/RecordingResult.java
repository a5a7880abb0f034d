package org.diplomacytracker.core.process;

import java.util.List;

/**
 * What {@link PeaceProcess} did with each development of a {@link RecordDevelopments}, in the same
 * order: the sequence number of the event in the process's stream (of the original one for a
 * duplicate), and whether it was a duplicate.
 */
public record RecordingResult(List<Item> items) {

    public RecordingResult {
        items = List.copyOf(items);
    }

    /** One development's outcome. */
    public record Item(long sequence, boolean duplicate) {
    }
}
