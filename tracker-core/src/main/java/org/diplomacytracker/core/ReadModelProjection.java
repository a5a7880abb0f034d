package org.diplomacytracker.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.diplomacytracker.core.catalogue.Catalogue;
import org.diplomacytracker.core.live.Change;
import org.diplomacytracker.core.live.ChangeFeed;
import org.diplomacytracker.core.process.DevelopmentRecorder;
import org.diplomacytracker.core.process.Recording;
import org.diplomacytracker.core.state.StateIndex;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.core.store.OffsetTrackedMessage;
import org.diplomacytracker.events.Development;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the read models — the state index first, then the catalogue, whose waiters release write
 * responses (a write is answered only once its state can be read), then the change feed that live
 * views follow — each event exactly once, with its global offset and recorded time, from two sources:
 * <ul>
 * <li>this node's own commits, handed over by the recorder right after they committed
 * ({@link #applyCommitted}), already deserialised — but only while that keeps the store's order:
 * when the read models have applied everything up to just before the commit's first offset, with no
 * hole still open below (a hole may be another transaction still committing). Otherwise the
 * commit is left to the stream;</li>
 * <li>the event store's stream, through the pooled streaming processor ({@link #on}): other nodes' events,
 * events that fill holes, catch-up at start, and whatever the recorder left. Where everything after
 * the stream's position is already applied from commits, the stream passes over it without reading
 * ({@link #pass}); an event already applied that it does read is skipped on its offset alone, before
 * its payload is deserialised. The
 * recorder announces its offsets just before it commits ({@link #committing}); when the stream
 * reaches one of those first, it waits for the recorder to apply it (or hand it back) rather than
 * deserialise it as well, since the recorder applies right after its commit returns.</li>
 * </ul>
 * One lock and one record of applied offsets decide who applies what, and in which order; one
 * applier thread of its own then applies it in that order, so that reading and deserialising the
 * stream (on the processor's thread) and applying to the models overlap. One handler for both
 * models, so they share each event's deserialised development rather than holding two copies.
 *
 * <p>An event's own offset on the stream: Axon's gap-aware token reports the highest index seen,
 * which is the event's own when the token advances; an event that fills a gap (a transaction that
 * committed after a later one) leaves the highest index where it was. The processor's stream works
 * the offset out where it sees every token in turn, and hands it on with the event
 * ({@link OffsetTrackedMessage}); for the events start-up reads, it is worked out here from the
 * tokens delivered before, or read from the store.
 *
 * <p>Events of other payload types are not handled; the processor hands over developments only.
 */
final class ReadModelProjection implements EventMessageHandler, DevelopmentRecorder.CommitWatcher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelProjection.class);
    private static final int QUEUED = 4_096;
    /**
     * How long the stream waits for the recorder to apply an event of this node that it is committing:
     * the recorder does so right after its commit returns, so this is only a safeguard.
     */
    private static final long COMMITTING_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** The name of the processor that runs this projection. */
    static final String PROCESSOR = "read-models";

    private final StateIndex state;
    private final Catalogue catalogue;
    private final ChangeFeed feed;
    private final EventStoreDatabase db;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final AppliedOffsets applied;
    /**
     * Offsets this node's recorder wrote and is committing: the recorder applies them itself right
     * after the commit (or hands them back), so the stream waits for that instead of deserialising
     * them too. Guarded by {@link #lock}.
     */
    private final java.util.Set<Long> committing = new HashSet<>();
    /**
     * Commits of this node that finished before one of its commits holding lower offsets: applied
     * right after that one, by first offset. Their offsets stay in {@link #committing}. Guarded by
     * {@link #lock}.
     */
    private final TreeMap<Long, List<Committed>> parked = new TreeMap<>();
    /** The highest token position the stream delivered: only touched on the processor's thread. */
    private long streamHighest;
    /** The token of the event the stream delivered last: only touched on the processor's thread. */
    private GapAwareTrackingToken streamToken;
    /** The highest position the stream delivered, applied or skipped. Guarded by {@link #lock}. */
    private long streamPosition;
    /** Guarded by {@link #lock}. */
    private final TreeMap<Long, List<CompletableFuture<Void>>> streamWaiters = new TreeMap<>();
    /** Counts, for tests and diagnostics; written under {@link #lock}. */
    private volatile long directlyApplied;
    private volatile long skipped;
    private volatile long passed;
    private volatile long streamApplied;
    /**
     * What was decided and not yet applied, in order. Bounded, so that a rebuild's reading cannot run
     * far ahead of the models; the one applier thread takes from it.
     */
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUED);
    /**
     * Decided, not yet handed to the applier: while the store is read at start-up, or a commit is
     * applied; null otherwise. Guarded by {@link #lock}.
     */
    private List<Committed> bulk;
    /** Developments per task while reading the store at start-up or applying a commit. */
    private static final int BULK_RUN = 256;
    private final Thread applier;

    ReadModelProjection(StateIndex state, Catalogue catalogue, ChangeFeed feed, EventStoreDatabase db) {
        this(state, catalogue, feed, db, StateIndex.GAP_GRACE.toNanos());
    }

    ReadModelProjection(StateIndex state, Catalogue catalogue, ChangeFeed feed, EventStoreDatabase db,
                        long holeGraceNanos) {
        this.state = state;
        this.catalogue = catalogue;
        this.feed = feed;
        this.db = db;
        this.applied = new AppliedOffsets(holeGraceNanos);
        this.applier = new Thread(this::applyQueued, "tracker-read-models");
        this.applier.setDaemon(true);
        this.applier.start();
    }

    /** One development of a commit, where it landed in the store. */
    record Committed(Development development, long offset, Instant recordedAt) {
    }

    /**
     * Applies what a recording just committed, in offset order, as far as that keeps the store's
     * order; the rest (all of it, when the read models are behind or a hole is open) is left to the
     * stream. Returns how many were applied here.
     */
    int applyCommitted(List<Development> developments, Recording recording) {
        List<Committed> committed = new ArrayList<>();
        List<Recording.Outcome> outcomes = recording.outcomes();
        for (int i = 0; i < outcomes.size(); i++) {
            Recording.Outcome o = outcomes.get(i);
            if (!o.duplicate()) {
                committed.add(new Committed(developments.get(i), o.offset(), o.recordedAt()));
            }
        }
        try {
            return applyCommitted(committed, true);
        } catch (RuntimeException | Error e) {
            abandoned(recording); // whatever was not applied is the stream's
            throw e;
        }
    }

    @Override
    public void committing(Recording recording) {
        synchronized (lock) {
            for (Recording.Outcome o : recording.outcomes()) {
                if (!o.duplicate()) {
                    committing.add(o.offset());
                }
            }
        }
    }

    @Override
    public void abandoned(Recording recording) {
        synchronized (lock) {
            boolean any = false;
            for (Recording.Outcome o : recording.outcomes()) {
                if (!o.duplicate()) {
                    any |= committing.remove(o.offset());
                }
            }
            if (any) {
                // a parked commit that waited for this one now waits for nothing of this node's
                directlyApplied += drainParked(System.nanoTime());
                lock.notifyAll();
            }
        }
    }

    /**
     * Guarded by {@link #lock}: while the recorder of this node is committing {@code offset}, waits
     * (releasing the lock) until it applied it or handed it back. The stream only sees committed
     * events, so the recorder is past its commit and does not wait for anything of the stream's.
     */
    private void awaitRecorder(long offset) {
        if (committing.isEmpty() || !committing.contains(offset)) {
            return;
        }
        long deadline = System.nanoTime() + COMMITTING_WAIT_NANOS;
        try {
            while (committing.contains(offset)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("the recorder did not apply offset {} within {} s of its commit; the stream applies it",
                            offset, TimeUnit.NANOSECONDS.toSeconds(COMMITTING_WAIT_NANOS));
                    committing.remove(offset);
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int applyCommitted(List<Committed> committed) {
        return applyCommitted(committed, false);
    }

    /**
     * {@code announced}: the recorder announced these offsets ({@link #committing}) and the stream
     * waits for them. Then a commit that cannot be applied yet only because other commits of this
     * node, still in flight, hold the offsets before it (two recordings whose transactions finished in
     * the other order) is parked, and applied right after them, instead of being left to the stream.
     */
    private int applyCommitted(List<Committed> committed, boolean announced) {
        if (committed.isEmpty()) {
            return 0;
        }
        List<Committed> sorted = new ArrayList<>(committed);
        sorted.sort(Comparator.comparingLong(Committed::offset));
        synchronized (lock) {
            long now = System.nanoTime();
            Progress progress = applyInOrder(sorted, now);
            int count = progress.applied();
            release(sorted.subList(0, progress.stopped()));
            List<Committed> rest = sorted.subList(progress.stopped(), sorted.size());
            if (!rest.isEmpty()) {
                if (announced && mayWaitForOwnCommits(rest.get(0).offset(), now)) {
                    parked.put(rest.get(0).offset(), new ArrayList<>(rest));
                } else {
                    release(rest); // the stream keeps the order
                }
            }
            count += drainParked(now);
            directlyApplied += count;
            return count;
        }
    }

    /** How far {@link #applyInOrder} got: the index of the first one left, and how many it applied. */
    private record Progress(int stopped, int applied) {
    }

    /**
     * Applies {@code sorted} from the start as far as that keeps the store's order. Those at or below
     * the highest applied are passed over: the stream was faster, or it is a hole the stream will fill.
     * Guarded by {@link #lock}.
     */
    private Progress applyInOrder(List<Committed> sorted, long now) {
        // a commit goes to the applier as one run (or a few), not a task per development
        boolean ownRun = bulk == null;
        if (ownRun) {
            bulk = new ArrayList<>(Math.min(sorted.size(), BULK_RUN));
        }
        try {
            int count = 0;
            for (int i = 0; i < sorted.size(); i++) {
                Committed c = sorted.get(i);
                if (c.offset() <= applied.highest()) {
                    continue;
                }
                if (!applied.continuesWithoutOpenHoles(c.offset(), now)) {
                    return new Progress(i, count); // something before it is not applied yet
                }
                apply(c.development(), c.offset(), c.recordedAt());
                count++;
            }
            return new Progress(sorted.size(), count);
        } finally {
            if (ownRun) {
                flushBulk();
                bulk = null;
            }
        }
    }

    /**
     * Whether a commit starting at {@code first} may wait for others: every offset between the highest
     * applied and it belongs to a commit of this node still in flight, and no hole is open.
     */
    private boolean mayWaitForOwnCommits(long first, long now) {
        if (applied.holesOpen(now)) {
            return false;
        }
        for (long o = applied.highest() + 1; o < first; o++) {
            if (!committing.contains(o)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies parked commits that now continue the order, lowest first; one that still waits for
     * commits of this node stays, one that waits for anything else is handed to the stream. Commits
     * whose offsets interleave (two transactions inserting at once) take turns: each applies up to the
     * other's next offset and is parked again from there. Returns how many were applied. Guarded by
     * {@link #lock}.
     */
    private int drainParked(long now) {
        int count = 0;
        while (!parked.isEmpty()) {
            Map.Entry<Long, List<Committed>> first = parked.pollFirstEntry();
            List<Committed> list = first.getValue();
            Progress progress = applyInOrder(list, now);
            count += progress.applied();
            release(list.subList(0, progress.stopped()));
            if (progress.stopped() == list.size()) {
                continue;
            }
            List<Committed> rest = list.subList(progress.stopped(), list.size());
            if (mayWaitForOwnCommits(rest.get(0).offset(), now)) {
                parked.put(rest.get(0).offset(), new ArrayList<>(rest));
                if (progress.applied() == 0) {
                    break; // the lowest waits for a commit still in flight, and so do all above it
                }
                // it applied some and waits again, for what another parked commit holds: go on from the lowest
                continue;
            }
            release(rest);
        }
        return count;
    }

    /** The stream no longer waits for these. Guarded by {@link #lock}. */
    private void release(List<Committed> done) {
        if (committing.isEmpty()) {
            return;
        }
        boolean any = false;
        for (Committed c : done) {
            any |= committing.remove(c.offset());
        }
        if (any) {
            lock.notifyAll();
        }
    }

    /**
     * The processor's entry: a plain message handler rather than an annotated one, so that Axon asks
     * no parameter resolvers and handler inspectors about every event.
     */
    @Override
    public Object handle(EventMessage<?> message) {
        on(message);
        return null;
    }

    @Override
    public boolean canHandle(EventMessage<?> message) {
        return Development.class.isAssignableFrom(message.getPayloadType());
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return Development.class.isAssignableFrom(payloadType);
    }

    @Override
    public Class<?> getTargetType() {
        return ReadModelProjection.class;
    }

    void on(EventMessage<?> message) {
        TrackedEventMessage<?> tracked = (TrackedEventMessage<?>) message;
        long position = tracked.trackingToken().position().orElseThrow(
                () -> new IllegalStateException("the event store gave no global position for event "
                        + message.getIdentifier()));
        long offset;
        if (message instanceof OffsetTrackedMessage<?> carried) { // from the processor's stream
            offset = carried.offset() != OffsetTrackedMessage.UNKNOWN ? carried.offset() : storedOffset(message);
        } else {
            offset = offsetOf(message, tracked.trackingToken(), position);
        }
        synchronized (lock) {
            awaitRecorder(offset);
            if (applied.contains(offset)) {
                skipped++;
                streamReached(position);
                return;
            }
        }
        // deserialise outside the lock: a commit being applied need not wait for it
        Development development = (Development) message.getPayload();
        Instant recordedAt = message.getTimestamp();
        synchronized (lock) {
            if (applied.contains(offset)) {
                skipped++;
            } else {
                apply(development, offset, recordedAt);
                streamApplied++;
            }
            streamReached(position);
        }
    }

    /**
     * Decides that {@code offset} is applied now, in this order, and queues it for the applier thread,
     * which applies in queue order. Guarded by {@link #lock}, so that the order decided is the order
     * queued.
     */
    private void apply(Development development, long offset, Instant recordedAt) {
        applied.add(offset, System.nanoTime());
        if (bulk != null) {
            bulk.add(new Committed(development, offset, recordedAt));
            if (bulk.size() == BULK_RUN) {
                flushBulk();
            }
            return;
        }
        enqueue(applying(List.of(new Committed(development, offset, recordedAt))), offset);
    }

    /**
     * Start-up reading: from here until {@link #endBulk()}, what is decided goes to the applier in runs
     * of {@link #BULK_RUN} rather than one task each. A million handovers, each waking the applier and
     * the live feed, cost more CPU than applying; in runs, each thread wakes once per run.
     */
    void beginBulk() {
        synchronized (lock) {
            bulk = new ArrayList<>(BULK_RUN);
        }
    }

    /** Hands over the last run and goes back to one task per event. */
    void endBulk() {
        synchronized (lock) {
            if (bulk != null) {
                flushBulk();
                bulk = null;
            }
        }
    }

    /** Guarded by {@link #lock}. */
    private void flushBulk() {
        if (bulk.isEmpty()) {
            return;
        }
        List<Committed> run = bulk;
        bulk = new ArrayList<>(BULK_RUN);
        enqueue(applying(run), run.get(run.size() - 1).offset());
    }

    /**
     * The applier's task for a run: each development to the state index and the catalogue, then the
     * run to the live feed.
     */
    private Runnable applying(List<Committed> run) {
        return () -> {
            List<Change> changes = new ArrayList<>(run.size());
            for (Committed c : run) {
                try {
                    state.apply(c.development(), c.offset(), c.recordedAt());
                    catalogue.apply(c.development(), c.offset(), c.recordedAt());
                    changes.add(new Change(c.development(), c.offset(), c.recordedAt()));
                } catch (RuntimeException e) {
                    // as the processor's error handler does: logged, and the event counts as handled
                    log.error("the read models failed on offset {}", c.offset(), e);
                }
            }
            feed.offerAll(changes);
        };
    }

    private void enqueue(Runnable task, long offset) {
        try {
            queue.put(new Task(task, offset));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing offset " + offset + " to the read models", e);
        }
    }

    private record Task(Runnable work, long offset) {
    }

    private static final Task STOP = new Task(() -> { }, -1);

    /** Tasks the applier takes from the queue at once. */
    private static final int APPLY_RUN = 256;

    /** The applier thread: applies what was decided, in order, until closed. */
    private void applyQueued() {
        // taken in runs: one lock round per run instead of one per event while a backlog is queued
        List<Task> run = new ArrayList<>(APPLY_RUN);
        while (true) {
            try {
                run.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(run, APPLY_RUN - 1);
            for (Task task : run) {
                if (task == STOP) {
                    return;
                }
                try {
                    task.work().run();
                } catch (RuntimeException e) {
                    // as the processor's error handler does: logged, and the event counts as handled
                    log.error("the read models failed on offset {}", task.offset(), e);
                }
            }
            run.clear();
        }
    }

    /** Completes once everything decided so far has been applied to the read models. */
    CompletableFuture<Void> settled() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            if (bulk != null) {
                flushBulk();
            }
            enqueue(() -> done.complete(null), -1);
        }
        return done;
    }

    /** Applies what is queued, then stops the applier thread. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            applier.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.debug("read models: {} events applied from this node's commits, {} from the stream; the stream skipped {}, "
                + "passing over {} of them without reading", directlyApplied, streamApplied, skipped, passed);
    }

    private long offsetOf(EventMessage<?> message, TrackingToken token, long position) {
        GapAwareTrackingToken previous = streamToken;
        streamToken = token instanceof GapAwareTrackingToken gapAware ? gapAware : null;
        if (position > streamHighest) {
            streamHighest = position;
            return position;
        }
        // a gap filled: the previous token had it as a gap, this one has it no longer
        if (previous != null && streamToken != null) {
            long filled = OffsetTrackedMessage.offsetFrom(previous, streamToken);
            if (filled != OffsetTrackedMessage.UNKNOWN) {
                return filled;
            }
        }
        return storedOffset(message);
    }

    /** The event's offset as the store has it. */
    private long storedOffset(EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domain)) {
            throw new IllegalStateException("event " + message.getIdentifier() + " has no process to look its offset up by");
        }
        String process = domain.getAggregateIdentifier();
        long sequence = domain.getSequenceNumber();
        Map<Long, EventStoreDatabase.Position> found = db.positions(process, sequence, sequence);
        EventStoreDatabase.Position own = found.get(sequence);
        if (own == null) {
            throw new IllegalStateException("event " + sequence + " of process '" + process
                    + "' was delivered but is not in the store");
        }
        return own.offset();
    }


    /** Guarded by {@link #lock}. */
    private void streamReached(long position) {
        streamPosition = Math.max(streamPosition, position);
        if (streamWaiters.isEmpty()) {
            return;
        }
        Map<Long, List<CompletableFuture<Void>>> due = streamWaiters.headMap(position, true);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        due.values().forEach(done::addAll);
        due.clear();
        done.forEach(f -> f.complete(null));
    }

    /**
     * The processor's stream asks, before reading after {@code after}, how far it may pass without
     * reading: up to the highest offset such that every one in between is applied (this node's own
     * commits, applied from the recorder), none of them a hole — and only once everything the stream
     * handed on up to {@code after} has been handled, so that what it passes comes after all it
     * delivered. What it passes counts as skipped, and as reached.
     */
    long pass(long after) {
        synchronized (lock) {
            if (streamPosition < after) {
                return after;
            }
            long through = applied.passable(after);
            if (through > after) {
                skipped += through - after;
                passed += through - after;
                streamReached(through);
            }
            return through;
        }
    }

    /** Completes once the stream has delivered (applied or skipped) everything up to {@code position}. */
    CompletableFuture<Void> whenStreamReached(long position) {
        synchronized (lock) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            if (streamPosition >= position) {
                f.complete(null);
                return f;
            }
            streamWaiters.computeIfAbsent(position, p -> new ArrayList<>()).add(f);
            return f;
        }
    }

    /** How many events this node's commits applied directly. */
    long directlyApplied() {
        return directlyApplied;
    }

    /** How many of the skipped events the stream passed without reading them. */
    long passed() {
        return passed;
    }

    /** How many events the stream applied. */
    long streamApplied() {
        return streamApplied;
    }

    /** How many events the stream delivered that were applied already. */
    long skipped() {
        return skipped;
    }

    /**
     * Which offsets the read models have applied: all up to the highest, but the holes below it that
     * are still unfilled. Holes further than Axon's maximum gap (10,000) below the highest are
     * forgotten: the stream no longer delivers them either. A hole counts as open — possibly a
     * transaction still committing — for {@code grace} after it was noticed; after that it is taken
     * for a number the store skipped, as the state index and the change feed take it. Not thread-safe.
     */
    static final class AppliedOffsets {
        static final long WIDEST = 10_000;

        private final long graceNanos;
        /** Unfilled offsets below the highest, with the time (nanos) they stop counting as open. */
        private final TreeMap<Long, Long> holes = new TreeMap<>();
        private long highest;

        AppliedOffsets(long graceNanos) {
            this.graceNanos = graceNanos;
        }

        long highest() {
            return highest;
        }

        boolean contains(long offset) {
            return offset <= highest && !holes.containsKey(offset);
        }

        /**
         * Whether applying {@code offset} next keeps the store's order: it directly follows the
         * highest applied, and no hole below is still open. Holes are noticed in offset order, so the
         * last one is the one that stays open longest.
         */
        boolean continuesWithoutOpenHoles(long offset, long nowNanos) {
            if (offset != highest + 1) {
                return false;
            }
            Map.Entry<Long, Long> last = holes.lastEntry();
            return last == null || last.getValue() - nowNanos <= 0;
        }

        /**
         * The highest offset {@code through >= after} such that every offset in {@code (after, through]}
         * is applied: up to the highest, or to just below the first hole above {@code after}.
         */
        long passable(long after) {
            if (highest <= after) {
                return after;
            }
            Long hole = holes.higherKey(after);
            return hole == null ? highest : Math.max(after, hole - 1);
        }

        /** Whether a hole below the highest still counts as open (possibly a transaction committing). */
        boolean holesOpen(long nowNanos) {
            Map.Entry<Long, Long> last = holes.lastEntry();
            return last != null && last.getValue() - nowNanos > 0;
        }

        /**
         * Notes {@code offset} as applied. Only the stream applies past the next offset — the
         * recorder applies only what directly follows — so holes open only at an offset that is the
         * stream's new position, and are forgotten exactly as Axon's token forgets its gaps.
         */
        void add(long offset, long nowNanos) {
            if (offset > highest) {
                if (offset > highest + 1) {
                    long until = nowNanos + graceNanos;
                    for (long missing = Math.max(highest + 1, offset - WIDEST); missing < offset; missing++) {
                        holes.put(missing, until);
                    }
                    holes.headMap(offset - WIDEST).clear();
                }
                highest = offset;
            } else {
                holes.remove(offset);
            }
        }
    }
}
