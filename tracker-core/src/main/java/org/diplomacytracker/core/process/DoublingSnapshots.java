package org.diplomacytracker.core.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots a process each time its stream has doubled since the last snapshot (and grown by at
 * least {@code minimum}): loading stays cheap at any length while the total work of snapshotting
 * stays linear in the stream. Snapshots are taken after the commit, on one background thread, at
 * most one pending per process, so recording never waits for one.
 *
 * <p>Axon's load-time trigger did not fit: its clock starts when a process is loaded and, with the
 * process held in the cache, it fired at nearly every command — a full snapshot per batch.
 */
public final class DoublingSnapshots implements SnapshotTriggerDefinition, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DoublingSnapshots.class);

    private final Supplier<Snapshotter> snapshotter;
    private final long minimum;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tracker-snapshots");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public DoublingSnapshots(Supplier<Snapshotter> snapshotter, long minimum) {
        this.snapshotter = snapshotter;
        this.minimum = Math.max(1, minimum);
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(aggregateType);
    }

    private final class Trigger implements SnapshotTrigger {
        private final Class<?> aggregateType;
        /** The sequence the copy started from: the snapshot it was loaded from, or the first event. */
        private long base = -1;

        Trigger(Class<?> aggregateType) {
            this.aggregateType = aggregateType;
        }

        @Override
        public void eventHandled(EventMessage<?> msg) {
            if (!(msg instanceof DomainEventMessage<?> event)) {
                return;
            }
            long sequence = event.getSequenceNumber();
            if (base < 0) {
                base = sequence;
            }
            if (sequence - base >= Math.max(minimum, base)) {
                base = sequence;
                schedule(aggregateType, event.getAggregateIdentifier());
            }
        }

        @Override
        public void initializationFinished() {
            // nothing to do: the first event handled, snapshot or not, sets the base
        }
    }

    private void schedule(Class<?> aggregateType, String identifier) {
        Runnable submit = () -> {
            if (pending.add(identifier)) {
                executor.execute(() -> {
                    try {
                        pending.remove(identifier);
                        snapshotter.get().scheduleSnapshot(aggregateType, identifier);
                    } catch (RuntimeException e) {
                        log.warn("could not snapshot process '{}'; it will be tried again later", identifier, e);
                    }
                });
            }
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> submit.run());
        } else {
            submit.run();
        }
    }

    /** Waits for the snapshots under way, then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
