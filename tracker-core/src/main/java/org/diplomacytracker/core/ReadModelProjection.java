package org.diplomacytracker.core;

import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.diplomacytracker.core.catalogue.Catalogue;
import org.diplomacytracker.core.live.Change;
import org.diplomacytracker.core.live.ChangeFeed;
import org.diplomacytracker.core.state.StateIndex;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.events.Development;

/**
 * Feeds the read models from the event store's stream, with each event's global offset and recorded
 * time: the state index first, then the catalogue, whose waiters release write responses — so a
 * write is answered only once its state can be read — then the change feed that live views follow.
 * One handler for both models, so they share each event's deserialised development rather than
 * holding two copies.
 *
 * <p>An event's own offset: Axon's gap-aware token reports the highest index seen, which is the
 * event's own when the token advances; an event that fills a gap (a transaction that committed
 * after a later one) leaves the highest index where it was, and its offset is read from the store.
 */
final class ReadModelProjection {

    /** The name of the processor that runs this projection. */
    static final String PROCESSOR = "read-models";

    private final StateIndex state;
    private final Catalogue catalogue;
    private final ChangeFeed feed;
    private final EventStoreDatabase db;
    private long highest;

    ReadModelProjection(StateIndex state, Catalogue catalogue, ChangeFeed feed, EventStoreDatabase db) {
        this.state = state;
        this.catalogue = catalogue;
        this.feed = feed;
        this.db = db;
    }

    @EventHandler
    void on(Development development, TrackingToken token, @SequenceNumber long sequence,
            @Timestamp Instant recordedAt) {
        long offset = offsetOf(development, token, sequence);
        state.apply(development, offset, recordedAt);
        catalogue.apply(development, offset, recordedAt);
        feed.offer(new Change(development, offset, recordedAt));
    }

    private long offsetOf(Development development, TrackingToken token, long sequence) {
        long position = token.position().orElseThrow(
                () -> new IllegalStateException("the event store gave no global position for '"
                        + development.id() + "'"));
        if (position > highest) {
            highest = position;
            return position;
        }
        String process = development.process().value();
        Map<Long, EventStoreDatabase.Position> found = db.positions(process, sequence, sequence);
        EventStoreDatabase.Position own = found.get(sequence);
        if (own == null) {
            throw new IllegalStateException("event " + sequence + " of process '" + process
                    + "' was delivered but is not in the store");
        }
        return own.offset();
    }
}
