package org.diplomacytracker.core.store;

import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A stored event with its own global offset, as the stream that read it worked it out from the
 * tokens before and after it. A gap-aware token reports the highest index seen, not the event's own:
 * an event that fills a gap leaves it where it was. Worked out where every event of the stream is
 * seen in order, the offset stays exact when the stream passes over events without handing them on.
 * Keeps its offset when Axon's processor gives it another token.
 */
public final class OffsetTrackedMessage<T> extends GenericTrackedDomainEventMessage<T> {

    /** The offset could not be worked out from the tokens: whoever needs it reads it from the store. */
    public static final long UNKNOWN = -1;

    private final long offset;

    OffsetTrackedMessage(TrackingToken token, DomainEventMessage<T> delegate, long offset) {
        super(token, delegate);
        this.offset = offset;
    }

    /** The event's global offset in the store, or {@link #UNKNOWN}. */
    public long offset() {
        return offset;
    }

    @Override
    public GenericTrackedDomainEventMessage<T> withTrackingToken(TrackingToken trackingToken) {
        return new OffsetTrackedMessage<>(trackingToken, this, offset);
    }

    @Override
    public GenericTrackedDomainEventMessage<T> withMetaData(Map<String, ?> metaData) {
        return new OffsetTrackedMessage<>(trackingToken(), super.withMetaData(metaData), offset);
    }

    @Override
    public GenericTrackedDomainEventMessage<T> andMetaData(Map<String, ?> metaData) {
        return new OffsetTrackedMessage<>(trackingToken(), super.andMetaData(metaData), offset);
    }
}
