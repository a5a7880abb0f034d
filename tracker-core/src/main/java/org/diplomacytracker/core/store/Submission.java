package org.diplomacytracker.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomacytracker.events.IsoTime;

/**
 * The developments one submission records, in the order they were submitted. The recorder decides a
 * submission process by process (locking processes in id order, so that two submissions cannot
 * deadlock), so the events reach the store grouped by process; the store appends them in the order
 * submitted instead, so that an NDJSON batch lands line by line whatever processes it touches, and an
 * export imported again comes out in the same order.
 *
 * <p>Every event of one submission is stored with one recorded time, taken when it is appended (while
 * this node's appends take turns): the submission is one unit, stored at one moment, and this node's
 * recorded times never go back as its offsets go forward.
 *
 * <p>A development imported from an export keeps the time it was first recorded: the event still
 * carries the time of this append (the store's stream judges gaps by it), and its metadata carries
 * the first one under {@link #RECORDED_AT}, which is the development's {@code recordedAt} from then
 * on ({@link #recordedAt}). So what was known when survives a backup and a move to another store.
 */
public final class Submission {

    /** The metadata key of a development's first recorded time, where it differs from its event's. */
    public static final String RECORDED_AT = "recordedAt";

    private static final String RESOURCE = Submission.class.getName();

    private final Map<Object, Integer> positions;
    /** The first recorded time of the payloads that have one; empty for most submissions. */
    private final Map<Object, Instant> firstRecorded;

    private Submission(List<?> payloads, List<Instant> recordedAt) {
        this.positions = new IdentityHashMap<>(payloads.size() * 2);
        this.firstRecorded = new IdentityHashMap<>();
        for (int i = 0; i < payloads.size(); i++) {
            positions.putIfAbsent(payloads.get(i), i);
            Instant first = recordedAt == null ? null : recordedAt.get(i);
            if (first != null) {
                firstRecorded.putIfAbsent(payloads.get(i), first);
            }
        }
    }

    /**
     * Notes, on {@code unitOfWork}'s root, the payloads about to be recorded in it, in the order
     * submitted: the very instances the process will apply as events.
     */
    public static void attach(UnitOfWork<?> unitOfWork, List<?> payloads) {
        attach(unitOfWork, payloads, null);
    }

    /**
     * As {@link #attach(UnitOfWork, List)}, with the time each payload was first recorded ({@code null}
     * for the list, or for an element, where it is recorded now).
     */
    public static void attach(UnitOfWork<?> unitOfWork, List<?> payloads, List<Instant> recordedAt) {
        if (recordedAt != null && recordedAt.size() != payloads.size()) {
            throw new IllegalArgumentException("one recorded time per payload: " + recordedAt.size()
                    + " for " + payloads.size());
        }
        unitOfWork.root().resources().put(RESOURCE, new Submission(payloads, recordedAt));
    }

    /** A development's recorded time: the first one its metadata carries, else its event's own. */
    public static Instant recordedAt(EventMessage<?> message) {
        Object first = message.getMetaData().get(RECORDED_AT);
        return first == null ? message.getTimestamp() : IsoTime.parseInstant(first.toString());
    }

    /** Where a payload was submitted: events of payloads not submitted here go last, in their order. */
    private int position(Object payload) {
        Integer p = positions.get(payload);
        return p == null ? Integer.MAX_VALUE : p;
    }

    /**
     * The events of {@code root} as they are to be stored: in submitted order (a stable sort, so each
     * process's events keep their sequence), each with the recorded time {@code stamp}. Where the order
     * changed, the events' identifiers (time-ordered, see {@link TimeOrderedIdentifierFactory}) are
     * handed out again in sorted order, so that they still increase with the store's order.
     */
    static List<EventMessage<?>> arrange(UnitOfWork<?> root, List<? extends EventMessage<?>> events, Instant stamp) {
        List<EventMessage<?>> sorted = new ArrayList<>(events);
        Submission submission = root.getResource(RESOURCE);
        boolean reordered = false;
        if (submission != null && sorted.size() > 1 && sorted.stream().allMatch(DomainEventMessage.class::isInstance)) {
            sorted.sort(Comparator.comparingInt(e -> submission.position(e.getPayload())));
            for (int i = 0; i < sorted.size() && !reordered; i++) {
                reordered = sorted.get(i) != events.get(i);
            }
        }
        List<String> identifiers = null;
        if (reordered) {
            identifiers = new ArrayList<>(sorted.size());
            for (EventMessage<?> event : sorted) {
                identifiers.add(event.getIdentifier());
            }
            identifiers.sort(null);
        }
        List<EventMessage<?>> arranged = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            EventMessage<?> event = sorted.get(i);
            String identifier = identifiers == null ? event.getIdentifier() : identifiers.get(i);
            Instant first = submission == null ? null : submission.firstRecorded.get(event.getPayload());
            arranged.add(stored(event, identifier, stamp, first));
        }
        return arranged;
    }

    /** A recorded time as stored: to the millisecond, as the store keeps its own timestamps. */
    public static String text(Instant recordedAt) {
        String text = IsoTime.formatMillis(recordedAt);
        return text != null ? text : recordedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    private static EventMessage<?> stored(EventMessage<?> event, String identifier, Instant stamp, Instant first) {
        if (!(event instanceof DomainEventMessage<?> domain)
                || (event.getTimestamp().equals(stamp) && event.getIdentifier().equals(identifier) && first == null)) {
            return event;
        }
        MetaData metaData = first == null ? domain.getMetaData()
                : domain.getMetaData().and(RECORDED_AT, text(first));
        return new GenericDomainEventMessage<>(domain.getType(), domain.getAggregateIdentifier(),
                domain.getSequenceNumber(), domain.getPayload(), metaData, identifier, stamp);
    }
}
