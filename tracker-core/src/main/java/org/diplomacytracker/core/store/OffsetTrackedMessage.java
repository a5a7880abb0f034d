package org.diplomacytracker.core.store;

import java.util.Iterator;
import java.util.Map;
import java.util.SortedSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A stored event with its own global offset, as the stream that read it worked it out from the
 * tokens before and after it. A gap-aware token reports the highest index seen, not the event's own:
 * an event that fills a gap leaves it where it was. Worked out where every event of the stream is
 * seen in order, the offset stays exact however the reader sees the tokens (or a processor re-tokens it).
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

    /**
     * The global offset of the event whose token is {@code token}, read right after the event whose
     * token is {@code before} (null: the first event read from the start): an event that moves the
     * index up sits at the new index; one that leaves the index where it was fills the one gap its
     * token no longer has. {@link #UNKNOWN} when the tokens do not tell (gaps dropped meanwhile, or
     * tokens of another kind).
     */
    public static long offsetFrom(TrackingToken before, GapAwareTrackingToken token) {
        if (before == null) {
            return token.getIndex();
        }
        if (!(before instanceof GapAwareTrackingToken b)) {
            return UNKNOWN;
        }
        if (token.getIndex() > b.getIndex()) {
            return token.getIndex();
        }
        if (token.getIndex() == b.getIndex()) {
            Long filled = filledGap(b.getGaps(), token.getGaps());
            if (filled != null) {
                return filled;
            }
        }
        return UNKNOWN;
    }

    /**
     * The gap of {@code before} that {@code after} no longer has, when {@code after} is {@code before}
     * with exactly one gap gone (advancing a gap-aware token to an index below its own removes exactly
     * that gap); null otherwise.
     */
    public static Long filledGap(SortedSet<Long> before, SortedSet<Long> after) {
        if (before.size() != after.size() + 1) {
            return null;
        }
        Iterator<Long> a = after.iterator();
        Long next = a.hasNext() ? a.next() : null;
        Long missing = null;
        for (Long gap : before) {
            if (gap.equals(next)) {
                next = a.hasNext() ? a.next() : null;
            } else if (missing == null) {
                missing = gap;
            } else {
                return null;
            }
        }
        return next == null ? missing : null;
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
