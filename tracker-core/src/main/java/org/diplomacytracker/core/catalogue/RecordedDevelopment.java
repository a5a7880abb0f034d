package org.diplomacytracker.core.catalogue;

import java.time.Instant;
import java.util.List;
import org.diplomacytracker.events.Development;

/**
 * A development as the store holds it: the development as recorded, its global offset and recorded
 * time, and the standing retraction ({@code null} when none) and corrections (recorded order; the
 * last is in force) as known now.
 */
public record RecordedDevelopment(Development development, long offset, Instant recordedAt, String retractedBy,
                                  List<String> correctedBy) {

    public RecordedDevelopment {
        correctedBy = List.copyOf(correctedBy);
    }
}
