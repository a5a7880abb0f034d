package org.diplomacytracker.core.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.diplomacytracker.core.store.AppendedEventSource;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.core.store.PayloadBytes;
import org.diplomacytracker.core.store.Submission;
import org.diplomacytracker.core.store.TrackerEventStorageEngine;
import org.diplomacytracker.events.Development;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a submission — one development or a whole NDJSON batch — atomically: one unit of work and
 * one database transaction around a {@link RecordDevelopments} command per process, so that all of
 * it is stored, in the order submitted ({@link Submission}), or none of it is. Processes are locked in id order, so that two batches
 * touching the same processes cannot deadlock. When another node appended to a process first, the
 * store's optimistic concurrency refuses the append; the process is then re-sourced and the
 * submission decided again on the fresh state.
 */
public final class DevelopmentRecorder {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentRecorder.class);
    private static final int ATTEMPTS = 5;

    private final CommandBus commandBus;
    private final EventStoreDatabase db;
    private final CommitListener listener;
    /** Held from appending to committing; processes are locked before it, never while holding it. */
    private final java.util.concurrent.locks.ReentrantLock appendOrder = new java.util.concurrent.locks.ReentrantLock();

    /**
     * Told of the events each submission stored, right after its transaction committed and before this
     * node appends anything else: the messages as appended, at the offsets and with the recorded time the
     * store gave them. The read models' stream keeps them, so that it need not read them back. Told of
     * every commit that stored something, even with none of it (when the append could not note what it
     * wrote): the stream then reads it.
     */
    public interface CommitListener {
        void committed(List<AppendedEventSource.Committed> events);
    }

    public DevelopmentRecorder(CommandBus commandBus, EventStoreDatabase db, CommitListener listener) {
        this.commandBus = commandBus;
        this.db = db;
        this.listener = listener;
    }

    /**
     * Records the developments, blocking the calling thread for the database. Throws
     * {@link DevelopmentRefusedException} (position = index in {@code developments}) when one is refused;
     * then nothing is stored.
     */
    public Recording record(List<Development> developments) {
        return record(developments, null);
    }

    /**
     * As {@link #record(List)}, for developments imported from an export: each keeps the time it was
     * first recorded ({@code recordedAt}, one per development; null for the list or for an element where
     * it is recorded now). See {@link Submission}.
     */
    public Recording record(List<Development> developments, List<java.time.Instant> recordedAt) {
        if (developments.isEmpty()) {
            return new Recording(List.of());
        }
        Map<String, List<Integer>> byProcess = new TreeMap<>();
        for (int i = 0; i < developments.size(); i++) {
            byProcess.computeIfAbsent(developments.get(i).process().value(), p -> new ArrayList<>()).add(i);
        }
        for (int attempt = 1; ; attempt++) {
            PayloadBytes.forget();
            try {
                return attempt(developments, recordedAt, byProcess);
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.debug("another writer appended to the same process first; deciding again (attempt {})",
                        attempt + 1);
            } catch (DevelopmentRefusedException e) {
                if (attempt == ATTEMPTS || !decidedOnAStaleCopy(e, developments)) {
                    throw e;
                }
                log.debug("refused on a copy of the process older than the store; deciding again");
            } finally {
                PayloadBytes.forget();
            }
        }
    }

    /**
     * A refusal appends nothing, so the store's optimistic concurrency never tells a node that its
     * cached process was behind. Where other nodes may write, ask the store: when the process's stream
     * is longer than the copy that decided, decide again (the rollback already dropped that copy).
     */
    private boolean decidedOnAStaleCopy(DevelopmentRefusedException e, List<Development> developments) {
        if (!db.shared()) {
            return false;
        }
        String process = developments.get(e.position()).process().value();
        return db.lastSequence(process) > e.knownSequence();
    }

    private Recording attempt(List<Development> developments, List<java.time.Instant> recordedAt,
                              Map<String, List<Integer>> byProcess) {
        Map<String, RecordingResult> results = new LinkedHashMap<>();
        Recording[] recording = new Recording[1];
        List<AppendedEventSource.Committed> committed = new ArrayList<>();
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        try {
            uow.attachTransaction(db.transactions());
            // decided process by process, stored in the order submitted
            Submission.attach(uow, developments, recordedAt);
            // first of the prepare-commit handlers, so before the event store appends: this node's
            // appends and commits take turns, so that their offsets follow the commit order and the
            // store's stream sees no gaps between them (a gap costs every later read until it closes)
            uow.onPrepareCommit(u -> appendOrder.lock());
            uow.onCleanup(u -> {
                if (appendOrder.isHeldByCurrentThread()) {
                    appendOrder.unlock();
                }
            });
            for (Map.Entry<String, List<Integer>> group : byProcess.entrySet()) {
                List<Development> part = group.getValue().stream().map(developments::get).toList();
                results.put(group.getKey(), dispatch(new RecordDevelopments(group.getKey(), part), group.getValue()));
            }
            boolean appending = results.values().stream().anyMatch(r -> r.items().stream().anyMatch(i -> !i.duplicate()));
            if (appending) {
                db.announceAppend();
            }
            // where the events landed, as the event store noted when it appended them (its own
            // prepare-commit handler was registered first, while dispatching)
            uow.onPrepareCommit(u -> recording[0] = outcomes(developments, byProcess, results,
                    TrackerEventStorageEngine.appendedIn(u), committed));
            // committed, and still before this node's next append (the append order is released at cleanup);
            // told whenever something new was stored, even if none of it could be handed over as written
            uow.afterCommit(u -> {
                if (appending) {
                    listener.committed(committed);
                }
            });
            uow.commit();
        } catch (RuntimeException | Error e) {
            try {
                if (uow.isActive()) {
                    uow.rollback(e);
                }
            } finally {
                if (appendOrder.isHeldByCurrentThread()) {
                    appendOrder.unlock();
                }
            }
            throw e;
        }
        return recording[0];
    }

    private RecordingResult dispatch(RecordDevelopments command, List<Integer> positions) {
        AtomicReference<CommandResultMessage<?>> result = new AtomicReference<>();
        // the simple command bus handles the command in this thread, in a unit of work nested in ours
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(command), (message, r) -> result.set(r));
        CommandResultMessage<?> r = result.get();
        if (r == null) {
            throw new IllegalStateException("the command bus did not handle the command in the calling thread");
        }
        if (r.isExceptional()) {
            Throwable t = r.exceptionResult();
            if (t instanceof DevelopmentRefusedException refused) {
                throw refused.at(positions.get(refused.position()));
            }
            if (t instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("recording failed", t);
        }
        return (RecordingResult) r.getPayload();
    }

    /**
     * Each development's outcome, where its event landed (or, for a duplicate, had landed before); and,
     * into {@code committed}, each new event as appended, at its offset and with its recorded time.
     * Where the new events landed the append noted from the keys the database generated; what it did
     * not note, and the duplicates, are read from the store.
     */
    private Recording outcomes(List<Development> developments, Map<String, List<Integer>> byProcess,
                               Map<String, RecordingResult> results, List<TrackerEventStorageEngine.Appended> appended,
                               List<AppendedEventSource.Committed> committed) {
        Map<String, Map<Long, TrackerEventStorageEngine.Appended>> landed = new HashMap<>();
        for (TrackerEventStorageEngine.Appended a : appended) {
            landed.computeIfAbsent(a.message().getAggregateIdentifier(), k -> new HashMap<>())
                    .put(a.message().getSequenceNumber(), a);
        }
        Recording.Outcome[] outcomes = new Recording.Outcome[developments.size()];
        for (Map.Entry<String, List<Integer>> group : byProcess.entrySet()) {
            String process = group.getKey();
            List<RecordingResult.Item> items = results.get(process).items();
            Map<Long, TrackerEventStorageEngine.Appended> own = landed.getOrDefault(process, Map.of());
            List<RecordingResult.Item> unknown = items.stream()
                    .filter(i -> i.duplicate() || !own.containsKey(i.sequence()) || own.get(i.sequence()).offset() < 0)
                    .toList();
            Map<Long, EventStoreDatabase.Position> read = unknown.isEmpty() ? Map.of() : positions(process, unknown);
            for (int k = 0; k < items.size(); k++) {
                RecordingResult.Item item = items.get(k);
                TrackerEventStorageEngine.Appended a = item.duplicate() ? null : own.get(item.sequence());
                EventStoreDatabase.Position p = a != null && a.offset() >= 0
                        ? new EventStoreDatabase.Position(a.offset(), a.recordedAt())
                        : read.get(item.sequence());
                int index = group.getValue().get(k);
                outcomes[index] = new Recording.Outcome(process, developments.get(index).id().value(),
                        p.offset(), p.recordedAt(), item.duplicate());
                if (a != null) {
                    committed.add(new AppendedEventSource.Committed(p.offset(), asStored(a.message(), p.recordedAt())));
                }
            }
        }
        return new Recording(List.of(outcomes));
    }

    /** The message as the store holds it: its timestamp is the stored one (to the millisecond). */
    private static <T> DomainEventMessage<T> asStored(DomainEventMessage<T> message, java.time.Instant recordedAt) {
        if (message.getTimestamp().equals(recordedAt)) {
            return message;
        }
        return new GenericDomainEventMessage<>(message.getType(), message.getAggregateIdentifier(),
                message.getSequenceNumber(), message.getPayload(), message.getMetaData(), message.getIdentifier(),
                recordedAt);
    }

    /** Reads positions run by run: new events are contiguous, and so are re-submitted stretches. */
    private Map<Long, EventStoreDatabase.Position> positions(String process, List<RecordingResult.Item> items) {
        long[] sequences = items.stream().mapToLong(RecordingResult.Item::sequence).sorted().distinct().toArray();
        Map<Long, EventStoreDatabase.Position> positions = new java.util.HashMap<>();
        int start = 0;
        for (int i = 1; i <= sequences.length; i++) {
            if (i == sequences.length || sequences[i] != sequences[i - 1] + 1) {
                positions.putAll(db.positions(process, sequences[start], sequences[i - 1]));
                start = i;
            }
        }
        return positions;
    }
}
