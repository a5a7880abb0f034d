package org.diplomacytracker.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomacytracker.core.catalogue.Catalogue;
import org.diplomacytracker.core.live.Change;
import org.diplomacytracker.core.live.ChangeFeed;
import org.diplomacytracker.core.state.StateIndex;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.core.store.OffsetTrackedMessage;
import org.diplomacytracker.core.store.Submission;
import org.diplomacytracker.events.Development;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the read models — the state index first, then the catalogue, whose waiters release write
 * responses (a write is answered only once its state can be read), then the change feed that live
 * views follow — each event exactly once, with its global offset and recorded time, from the event
 * store's stream alone: Axon's pooled streaming processor hands it every event in the store's order
 * ({@link #handle}), this node's own as much as other nodes' (its stream hands this node's on from what
 * the commit wrote, without reading them back: see {@code AppendedEventSource}); start-up reads the
 * stored events through the same handler before the processor takes over ({@link #beginBulk}). One
 * handler for both models, so they share each event's deserialised development rather than holding two
 * copies.
 *
 * <p>What the processor hands over in one batch goes to the models as one run: one applier thread of
 * this projection's own applies in the order decided, so that reading and deserialising (on the
 * processor's threads) and applying overlap. An event delivered again (the processor going back to its
 * last stored token after a failure) is skipped on its offset alone, before its payload is
 * deserialised.
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
final class ReadModelProjection implements EventMessageHandler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelProjection.class);
    private static final int QUEUED = 4_096;
    /** Marks a processor batch whose events go to the applier as one run. */
    private static final String BATCH = ReadModelProjection.class.getName() + ".batch";

    /** The name of the processor that runs this projection. */
    static final String PROCESSOR = "read-models";

    private final StateIndex state;
    private final Catalogue catalogue;
    private final ChangeFeed feed;
    private final EventStoreDatabase db;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final AppliedOffsets applied = new AppliedOffsets();
    /** The highest token position the stream delivered: only touched on the processor's thread. */
    private long streamHighest;
    /** The token of the event the stream delivered last: only touched on the processor's thread. */
    private GapAwareTrackingToken streamToken;
    /** Counts, for tests and diagnostics; written under {@link #lock}. */
    private volatile long skipped;
    private volatile long streamApplied;
    /**
     * What was decided and not yet applied, in order. Bounded, so that a rebuild's reading cannot run
     * far ahead of the models; the one applier thread takes from it.
     */
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUED);
    /**
     * Decided, not yet handed to the applier: while the store is read at start-up, or a processor
     * batch is handled; null otherwise. Guarded by {@link #lock}.
     */
    private List<Decided> bulk;
    /** Developments per task while reading the store at start-up or handling a batch. */
    private static final int BULK_RUN = 256;
    private final Thread applier;

    ReadModelProjection(StateIndex state, Catalogue catalogue, ChangeFeed feed, EventStoreDatabase db) {
        this.state = state;
        this.catalogue = catalogue;
        this.feed = feed;
        this.db = db;
        this.applier = new Thread(this::applyQueued, "tracker-read-models");
        this.applier.setDaemon(true);
        this.applier.start();
    }

    /** One development, where it landed in the store. */
    private record Decided(Development development, long offset, Instant recordedAt, Instant appendedAt) {
    }

    /**
     * The processor's entry: a plain message handler rather than an annotated one, so that Axon asks
     * no parameter resolvers and handler inspectors about every event.
     */
    @Override
    public Object handle(EventMessage<?> message) {
        if (CurrentUnitOfWork.isStarted()) {
            joinBatch(CurrentUnitOfWork.get().root());
        }
        on(message);
        return null;
    }

    /**
     * The first event of a processor batch: what the batch decides goes to the applier in runs, handed
     * over when the batch commits (or fails: what was decided stays decided).
     */
    private void joinBatch(UnitOfWork<?> batch) {
        if (batch.resources().putIfAbsent(BATCH, Boolean.TRUE) != null) {
            return;
        }
        beginBulk();
        batch.onPrepareCommit(u -> endBulk());
        batch.onRollback(u -> endBulk());
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
            if (applied.contains(offset)) {
                skipped++;
                return;
            }
        }
        // deserialised outside the lock: a reader of the counters or a settling caller need not wait for it
        Development development = (Development) message.getPayload();
        Instant appendedAt = message.getTimestamp();
        Instant recordedAt = Submission.recordedAt(message);
        synchronized (lock) {
            apply(development, offset, recordedAt, appendedAt);
            streamApplied++;
        }
    }

    /**
     * Decides that {@code offset} is applied now, in this order, and queues it for the applier thread,
     * which applies in queue order. Guarded by {@link #lock}, so that the order decided is the order
     * queued.
     */
    private void apply(Development development, long offset, Instant recordedAt, Instant appendedAt) {
        applied.add(offset);
        Decided decided = new Decided(development, offset, recordedAt, appendedAt);
        if (bulk != null) {
            bulk.add(decided);
            if (bulk.size() == BULK_RUN) {
                flushBulk();
            }
            return;
        }
        enqueue(applying(List.of(decided)), offset);
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
        List<Decided> run = bulk;
        bulk = new ArrayList<>(BULK_RUN);
        enqueue(applying(run), run.get(run.size() - 1).offset());
    }

    /**
     * The applier's task for a run: each development to the state index and the catalogue, then the
     * run to the live feed.
     */
    private Runnable applying(List<Decided> run) {
        return () -> {
            List<Change> changes = new ArrayList<>(run.size());
            for (Decided c : run) {
                try {
                    state.apply(c.development(), c.offset(), c.recordedAt(), c.appendedAt());
                    catalogue.apply(c.development(), c.offset(), c.recordedAt());
                    changes.add(new Change(c.development(), c.offset(), c.recordedAt(), c.appendedAt()));
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
        log.debug("read models: {} events applied from the stream, {} delivered again and skipped", streamApplied, skipped);
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
     * forgotten: the stream no longer delivers them either. Not thread-safe.
     */
    static final class AppliedOffsets {
        static final long WIDEST = 10_000;

        /** Unfilled offsets below the highest. */
        private final TreeSet<Long> holes = new TreeSet<>();
        private long highest;

        long highest() {
            return highest;
        }

        boolean contains(long offset) {
            return offset <= highest && !holes.contains(offset);
        }

        /** Notes {@code offset} as applied; holes are forgotten exactly as Axon's token forgets its gaps. */
        void add(long offset) {
            if (offset > highest) {
                if (offset > highest + 1) {
                    for (long missing = Math.max(highest + 1, offset - WIDEST); missing < offset; missing++) {
                        holes.add(missing);
                    }
                }
                if (!holes.isEmpty()) {
                    holes.headSet(offset - WIDEST).clear();
                }
                highest = offset;
            } else {
                holes.remove(offset);
            }
        }
    }
}
