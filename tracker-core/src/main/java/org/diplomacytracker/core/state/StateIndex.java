package org.diplomacytracker.core.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.diplomacytracker.core.store.OffsetHoles;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.PositionStated;

/**
 * The negotiation state of every process as of any date, as known at any time. Fed the store's
 * events by the projection; answers {@link #state}, {@link #history} and {@link #diff} from per-key
 * version lists, never by replaying history.
 *
 * <p>Offsets: concurrent transactions commit out of offset order, so an event may arrive before one
 * with a lower offset. An answer reflects events only up to the highest offset below which nothing
 * is missing ({@link #consistentOffset()}), so it never shows an event while missing an earlier one.
 * A hole still open {@code gapGrace} after it was noticed is taken for a number the store skipped — a
 * rolled-back insert burns one — and no longer holds answers back. Holes among events recorded long
 * before they are read (a rebuild at start) are such numbers from the outset.
 */
public final class StateIndex {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, ProcessIndex> processes = new HashMap<>();
    /** recordedAt → the highest offset recorded at or before it (a running maximum). */
    private final OffsetsKnownAt offsetKnownAt = new OffsetsKnownAt();
    private final OffsetHoles holes;
    private final Clock clock;

    /** How long a hole in the offsets holds answers back before it is taken for a skipped number. */
    public static final Duration GAP_GRACE = Duration.ofSeconds(5);

    public StateIndex() {
        this(Clock.systemUTC(), GAP_GRACE);
    }

    public StateIndex(Clock clock, Duration gapGrace) {
        this.clock = clock;
        this.holes = new OffsetHoles(clock, gapGrace);
    }

    public void apply(Development development, long offset, Instant recordedAt) {
        apply(development, offset, recordedAt, recordedAt);
    }

    /**
     * Applies a development recorded at {@code recordedAt} whose event the store appended at
     * {@code appendedAt}: later than that for a development imported from an export, which keeps the
     * time it was first recorded. {@code knownAt} goes by the first; whether a hole below it is a
     * transaction still committing, by the second.
     */
    public void apply(Development development, long offset, Instant recordedAt, Instant appendedAt) {
        lock.writeLock().lock();
        try {
            processes.computeIfAbsent(development.process().value(), ProcessIndex::new)
                    .apply(development, offset, recordedAt);
            holes.seen(offset, appendedAt);
            offsetKnownAt.add(offset, recordedAt);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The highest offset up to which every event is in the index (holes past their grace excepted). */
    public long consistentOffset() {
        lock.readLock().lock();
        try {
            return consistent();
        } finally {
            lock.readLock().unlock();
        }
    }

    private long consistent() {
        return holes.consistent();
    }

    private Cut cut(Instant knownAt) {
        return new Cut(knownAt == null ? Instant.MAX : knownAt, consistent());
    }

    /** The offset an answer known at {@code knownAt} reflects: the last recorded by then, within reach. */
    private long offsetFor(Cut cut) {
        if (cut.knownAt().equals(Instant.MAX)) {
            return cut.maxOffset();
        }
        return Math.min(offsetKnownAt.at(cut.knownAt()), cut.maxOffset());
    }

    public boolean hasProcess(String process) {
        lock.readLock().lock();
        try {
            return processes.containsKey(process);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The state of a process as of {@code asOf} (null: no date limit) as known at {@code knownAt}
     * (null: now); empty when there is no such process.
     */
    public Optional<NegotiationState> state(String process, LocalDate asOf, Instant knownAt) {
        lock.readLock().lock();
        try {
            return stateUpTo(process, asOf, knownAt, consistent());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The state reflecting every event up to {@code maxOffset} and none after: the state a live view
     * had right after that event (or, for {@code since}, when a client left). The caller vouches that
     * every event up to that offset has been applied (the change feed releases only such offsets).
     */
    public Optional<NegotiationState> stateAt(String process, LocalDate asOf, Instant knownAt, long maxOffset) {
        lock.readLock().lock();
        try {
            return stateUpTo(process, asOf, knownAt, maxOffset);
        } finally {
            lock.readLock().unlock();
        }
    }

    private Optional<NegotiationState> stateUpTo(String process, LocalDate asOf, Instant knownAt, long maxOffset) {
        ProcessIndex index = processes.get(process);
        if (index == null) {
            return Optional.empty();
        }
        Cut cut = new Cut(knownAt == null ? Instant.MAX : knownAt, maxOffset);
        return Optional.of(index.state(asOf, cut, knownAt == null ? clock.instant() : knownAt, offsetFor(cut)));
    }

    /** Why a history cannot be given: no such process, actor or issue. */
    public enum Missing { PROCESS, ACTOR, ISSUE }

    /** The answer of {@link #history}: the history, or what is missing. */
    public record HistoryAnswer(PositionHistory history, Missing missing) {
    }

    /** Every version of {@code actor}'s position on {@code issue} known at {@code knownAt}, in valid-time order. */
    public HistoryAnswer history(String process, String actor, String issue, Instant knownAt) {
        lock.readLock().lock();
        try {
            ProcessIndex index = processes.get(process);
            if (index == null) {
                return new HistoryAnswer(null, Missing.PROCESS);
            }
            if (!index.knowsActor(actor)) {
                return new HistoryAnswer(null, Missing.ACTOR);
            }
            if (!index.knowsIssue(issue)) {
                return new HistoryAnswer(null, Missing.ISSUE);
            }
            Cut cut = cut(knownAt);
            List<PositionVersion> versions = new ArrayList<>();
            Versions all = index.positionVersions(actor, issue);
            if (all != null) {
                for (Incarnation i : all.all()) {
                    if (i.via().visible(cut)) {
                        versions.add(version(i, cut));
                    }
                }
            }
            return new HistoryAnswer(new PositionHistory(process, actor, issue,
                    knownAt == null ? clock.instant() : knownAt, versions), null);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static PositionVersion version(Incarnation i, Cut cut) {
        PositionStated p = (PositionStated) i.content();
        Slot slot = i.slot();
        // a replacement falls with its correction's retraction, or with its slot's
        Slot retraction = i.original() || i.via().retractedBy(cut) == null ? slot.retractedBy(cut)
                : i.via().retractedBy(cut);
        // what corrected this version: the correction in force, when it came after the development that
        // wrote the version (a correction back in force because a later one was retracted never corrected that one)
        Slot inForce = slot.inForce(cut);
        String correctedBy = inForce == null || inForce == i.via() || inForce.offset < i.via().offset ? null
                : inForce.id();
        return new PositionVersion(slot.id(), p.occurredOn(), i.via().recordedAt, p.stance().wireName(),
                p.speaker() == null ? null : p.speaker().value(), p.quote(), p.conditions(), p.source(),
                retraction == null ? null : retraction.id(), correctedBy, i.original() ? null : i.via().id());
    }

    /** What differs between the state on {@code from} and on {@code to}, both known at {@code knownAt}. */
    public Optional<StateDiff> diff(String process, LocalDate from, LocalDate to, Instant knownAt) {
        lock.readLock().lock();
        try {
            ProcessIndex index = processes.get(process);
            if (index == null) {
                return Optional.empty();
            }
            Cut cut = cut(knownAt);
            Instant known = knownAt == null ? clock.instant() : knownAt;
            long offset = offsetFor(cut);
            NegotiationState before = index.state(from, cut, known, offset);
            NegotiationState after = index.state(to, cut, known, offset);
            List<StateDiff.Change> changes = new ArrayList<>();
            compare("actors", before.actors(), after.actors(), changes);
            compare("issues", before.issues(), after.issues(), changes);
            compare("envoys", before.envoys(), after.envoys(), changes);
            compare("positions", flatten(before.positions()), flatten(after.positions()), changes);
            compare("proposals", before.proposals(), after.proposals(), changes);
            compare("territory", before.territory(), after.territory(), changes);
            compare("commitments", before.commitments(), after.commitments(), changes);
            compare("talks", before.talks(), after.talks(), changes);
            return Optional.of(new StateDiff(process, from, to, known, offset, changes));
        } finally {
            lock.readLock().unlock();
        }
    }

    private static SortedMap<String, Entries.Position> flatten(SortedMap<String, SortedMap<String, Entries.Position>> p) {
        SortedMap<String, Entries.Position> flat = new TreeMap<>();
        p.forEach((actor, byIssue) -> byIssue.forEach((issue, position) -> flat.put(actor + "/" + issue, position)));
        return flat;
    }

    private static <V> void compare(String section, SortedMap<String, V> before, SortedMap<String, V> after,
                                    List<StateDiff.Change> changes) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
            String key = it.next();
            V b = before.get(key);
            V a = after.get(key);
            if (!Objects.equals(a, b)) {
                changes.add(new StateDiff.Change(section, key, b, a));
            }
        }
    }
}
