package org.diplomacytracker.core.catalogue;

import java.util.List;

/** One page of a timeline, and the cursor of the next one ({@code null} on the last page). */
public record TimelinePage(List<RecordedDevelopment> developments, String next) {

    public TimelinePage {
        developments = List.copyOf(developments);
    }
}
