package org.diplomacytracker.core.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.core.store.PayloadBytes;
import org.diplomacytracker.events.Development;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a submission — one development or a whole NDJSON batch — atomically: one unit of work and
 * one database transaction around a {@link RecordDevelopments} command per process, so that all of
 * it is stored in order or none of it is. Processes are locked in id order, so that two batches
 * touching the same processes cannot deadlock. When another node appended to a process first, the
 * store's optimistic concurrency refuses the append; the process is then re-sourced and the
 * submission decided again on the fresh state.
 */
public final class DevelopmentRecorder {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentRecorder.class);
    private static final int ATTEMPTS = 5;

    private final CommandBus commandBus;
    private final EventStoreDatabase db;
    private final CommitWatcher watcher;
    /** Held from appending to committing; processes are locked before it, never while holding it. */
    private final java.util.concurrent.locks.ReentrantLock appendOrder = new java.util.concurrent.locks.ReentrantLock();

    /**
     * Told, inside the transaction, where a submission's events landed just before they are committed,
     * and told again if that commit then fails. The read models use it to leave this node's commits to
     * the recorder rather than read them back from the store.
     */
    public interface CommitWatcher {
        /** The recording is about to commit: its offsets will appear in the store in a moment. */
        void committing(Recording recording);

        /** The commit announced by {@link #committing} failed: nothing of it is in the store. */
        void abandoned(Recording recording);
    }

    public DevelopmentRecorder(CommandBus commandBus, EventStoreDatabase db, CommitWatcher watcher) {
        this.commandBus = commandBus;
        this.db = db;
        this.watcher = watcher;
    }

    /**
     * Records the developments, blocking the calling thread for the database. Throws
     * {@link DevelopmentRefusedException} (position = index in {@code developments}) when one is refused;
     * then nothing is stored.
     */
    public Recording record(List<Development> developments) {
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
                return attempt(developments, byProcess);
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

    private Recording attempt(List<Development> developments, Map<String, List<Integer>> byProcess) {
        Map<String, RecordingResult> results = new LinkedHashMap<>();
        Recording[] recording = new Recording[1];
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        try {
            uow.attachTransaction(db.transactions());
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
            if (results.values().stream().anyMatch(r -> r.items().stream().anyMatch(i -> !i.duplicate()))) {
                db.announceAppend();
            }
            // where the events landed, read in the transaction right after the event store appended them
            // (its own prepare-commit handler was registered first, while dispatching): the caller can
            // hand them to the read models the moment the commit returns
            uow.onPrepareCommit(u -> {
                recording[0] = outcomes(developments, byProcess, results);
                watcher.committing(recording[0]);
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
                if (recording[0] != null) {
                    watcher.abandoned(recording[0]);
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

    private Recording outcomes(List<Development> developments, Map<String, List<Integer>> byProcess,
                               Map<String, RecordingResult> results) {
        Recording.Outcome[] outcomes = new Recording.Outcome[developments.size()];
        for (Map.Entry<String, List<Integer>> group : byProcess.entrySet()) {
            String process = group.getKey();
            List<RecordingResult.Item> items = results.get(process).items();
            Map<Long, EventStoreDatabase.Position> positions = positions(process, items);
            for (int k = 0; k < items.size(); k++) {
                RecordingResult.Item item = items.get(k);
                EventStoreDatabase.Position p = positions.get(item.sequence());
                int index = group.getValue().get(k);
                outcomes[index] = new Recording.Outcome(process, developments.get(index).id().value(),
                        p.offset(), p.recordedAt(), item.duplicate());
            }
        }
        return new Recording(List.of(outcomes));
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
