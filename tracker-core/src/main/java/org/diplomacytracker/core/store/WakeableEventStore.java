package org.diplomacytracker.core.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, which wakes its tailing processors at once for events this node
 * appends but only polls for other nodes' events; {@link #wake()} lets a notification from the
 * database wake them as a local append would, and {@link #onWake} tells others of it. Its reading thread can be waited for at shutdown
 * ({@link #awaitStopped}): Axon's shutdown only asks it to stop, and a fetch still under way when the
 * database closes fails with an error in the log.
 */
public final class WakeableEventStore extends EmbeddedEventStore {

    private final Threads threads;
    private final List<Runnable> wakeListeners = new CopyOnWriteArrayList<>();

    public WakeableEventStore(Builder builder) {
        this(builder, new Threads());
    }

    private WakeableEventStore(Builder builder, Threads threads) {
        super(builder.threadFactory(threads));
        this.threads = threads;
    }

    /** Another node appended: fetch new events now rather than at the next poll, and tell the listeners. */
    public void wake() {
        afterCommit(List.of());
        for (Runnable listener : wakeListeners) {
            listener.run();
        }
    }

    /**
     * Runs {@code listener} on each {@link #wake()}, that is when the database tells of another node's
     * append: the read models' stream is told this way. (This node's own commits are handed to that
     * stream by the recorder, with what they wrote.)
     */
    public void onWake(Runnable listener) {
        wakeListeners.add(listener);
    }

    /**
     * After Axon's shutdown: waits up to {@code timeoutMillis} for the store's threads to end — its
     * reader, which finishes the fetch it is in, and the cleaner Axon makes with the same factory.
     * Returns whether they did.
     */
    public boolean awaitStopped(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Thread t : threads.started) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return !t.isAlive();
            }
            t.join(left);
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** The store's threads (daemons, as Axon's own factory makes them), kept to be waited for. */
    private static final class Threads implements ThreadFactory {
        private final List<Thread> started = new CopyOnWriteArrayList<>();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "EmbeddedEventStore-" + count.getAndIncrement());
            t.setDaemon(true);
            started.add(t);
            return t;
        }
    }
}
