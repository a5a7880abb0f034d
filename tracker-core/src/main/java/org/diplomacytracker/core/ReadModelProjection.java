package org.diplomacytracker.core;

import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.diplomacytracker.core.catalogue.Catalogue;
import org.diplomacytracker.core.live.Change;
import org.diplomacytracker.core.live.ChangeFeed;
import org.diplomacytracker.core.state.StateIndex;
import org.diplomacytracker.events.Development;

/**
 * Feeds the read models from the event store's stream, with each event's global offset and recorded
 * time: the state index first, then the catalogue, whose waiters release write responses — so a
 * write is answered only once its state can be read — then the change feed that live views follow. One handler for both, so they share each
 * event's deserialised development rather than holding two copies.
 */
final class ReadModelProjection {

    /** The name of the processor that runs this projection. */
    static final String PROCESSOR = "read-models";

    private final StateIndex state;
    private final Catalogue catalogue;
    private final ChangeFeed feed;

    ReadModelProjection(StateIndex state, Catalogue catalogue, ChangeFeed feed) {
        this.state = state;
        this.catalogue = catalogue;
        this.feed = feed;
    }

    @EventHandler
    void on(Development development, TrackingToken token, @Timestamp Instant recordedAt) {
        long offset = token.position().orElseThrow(
                () -> new IllegalStateException("the event store gave no global position for '"
                        + development.id() + "'"));
        state.apply(development, offset, recordedAt);
        catalogue.apply(development, offset, recordedAt);
        feed.offer(new Change(development, offset, recordedAt));
    }
}
