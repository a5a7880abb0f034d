package org.diplomacytracker.core.catalogue;

import java.util.List;

/**
 * One process as listed: its title and parties (as its ProcessOpened stands now), how many
 * developments were recorded in it (retractions and corrections included) and the offset of the last.
 */
public record ProcessSummary(String process, String title, List<String> parties, long developments,
                             long lastOffset) {

    public ProcessSummary {
        parties = List.copyOf(parties);
    }
}
