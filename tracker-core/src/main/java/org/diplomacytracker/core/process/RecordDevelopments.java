package org.diplomacytracker.core.process;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomacytracker.events.Development;

/**
 * Record these developments of one process, in this order, all or none. Developments already
 * recorded with the same content are skipped as duplicates.
 */
public record RecordDevelopments(@TargetAggregateIdentifier String process, List<Development> developments) {

    public RecordDevelopments {
        developments = List.copyOf(developments);
    }
}
