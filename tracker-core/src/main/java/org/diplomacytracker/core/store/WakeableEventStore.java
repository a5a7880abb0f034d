package org.diplomacytracker.core.store;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, which wakes its tailing processors at once for events this node
 * appends but only polls for other nodes' events; {@link #wake()} lets a notification from the
 * database wake them as a local append would.
 */
public final class WakeableEventStore extends EmbeddedEventStore {

    public WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Fetch new events now rather than at the next poll. */
    public void wake() {
        afterCommit(List.of());
    }
}
