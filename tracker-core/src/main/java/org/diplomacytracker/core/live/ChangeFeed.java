package org.diplomacytracker.core.live;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.diplomacytracker.core.store.OffsetHoles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the developments the read models apply, one at a time and in offset order, on its own
 * thread, to its listeners. An event that arrives while an earlier offset is still missing waits
 * until the hole fills or is given up as a skipped number — judged on what the feed itself has
 * received, so that a release never overtakes an offer still queued — so every listener sees
 * offsets strictly increasing and the state at each one complete.
 * Keeps the last {@code bufferSize} changes of each process for clients that resume with
 * {@code since}.
 */
public final class ChangeFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    /** Called on the feed's thread, in offset order. */
    public interface Listener {
        void onChange(Change change);

        /**
         * A change that arrived after the feed had released later ones — its transaction committed
         * after the state index had given its offset up as skipped. It cannot be sent as an update
         * without breaking offset order; listeners resynchronise the views it touches instead.
         */
        void onLate(Change change);
    }

    private final OffsetHoles holes;
    private final int bufferSize;
    private final ScheduledExecutorService thread;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Applied, not yet released (only touched on the feed's thread). */
    private final TreeMap<Long, Change> pending = new TreeMap<>();
    private final Map<String, Recent> recent = new HashMap<>();
    /** Offered, not yet received by the feed's thread: runs of changes, each in offset order. */
    private final Queue<List<Change>> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile long released;

    /** The recent changes of one process and the highest offset no longer kept. */
    private static final class Recent {
        final Deque<Change> changes = new ArrayDeque<>();
        long evictedUpTo;
    }

    public ChangeFeed(Duration gapGrace, int bufferSize, Duration recheck) {
        this.holes = new OffsetHoles(Clock.systemUTC(), gapGrace);
        this.bufferSize = bufferSize;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tracker-live-feed");
            t.setDaemon(true);
            return t;
        });
        // a hole given up by the index releases what waits behind it, even when nothing new arrives
        thread.scheduleWithFixedDelay(this::release, recheck.toMillis(), recheck.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Hands the feed changes the read models applied one after the other, in that order (any thread).
     * They wait in an inbox that the feed's thread drains in one task: at start-up a million of them
     * arrive faster than a task each could be scheduled, and a task already queued takes whatever
     * arrives before it runs.
     */
    public void offerAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        inbox.add(changes);
        if (drainScheduled.compareAndSet(false, true)) {
            thread.execute(this::drainInbox);
        }
    }

    private void drainInbox() {
        // cleared first: a change offered from here on schedules another drain, queued before any task
        // submitted after that offer, so a task always runs after the changes offered before it
        drainScheduled.set(false);
        List<Change> changes;
        while ((changes = inbox.poll()) != null) {
            for (Change change : changes) {
                try {
                    receive(change);
                } catch (RuntimeException e) {
                    log.error("the live feed failed to take offset {}", change.offset(), e);
                }
            }
        }
        release();
    }

    private void receive(Change change) {
        holes.seen(change.offset(), change.appendedAt());
        if (change.offset() > released) {
            if (pending.isEmpty() && change.offset() == released + 1 && holes.consistent() >= change.offset()) {
                publish(change); // the next one, nothing missing before it: no need to wait in line
            } else {
                pending.put(change.offset(), change);
            }
            return;
        }
        log.warn("offset {} committed after later ones were released; resynchronising its views", change.offset());
        keep(change);
        tell(change, true);
    }

    /** Runs a task on the feed's thread, between releases: it sees the feed at one offset. */
    public void execute(Runnable task) {
        thread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("a live-view task failed", e);
            }
        });
    }

    private void release() {
        long upTo = holes.consistent();
        while (!pending.isEmpty() && pending.firstKey() <= upTo) {
            publish(pending.pollFirstEntry().getValue());
        }
    }

    /** Releases the change to the listeners: it is the next in offset order, and nothing before it is missing. */
    private void publish(Change change) {
        released = change.offset();
        keep(change);
        tell(change, false);
    }

    /** Hands a change to every listener, as released in order or as late; one failing stops no other. */
    private void tell(Change change, boolean late) {
        for (Listener l : listeners) {
            try {
                if (late) {
                    l.onLate(change);
                } else {
                    l.onChange(change);
                }
            } catch (RuntimeException e) {
                log.error("a live-view listener failed on {}offset {}", late ? "late " : "", change.offset(), e);
            }
        }
    }

    private void keep(Change change) {
        Recent r = recent.computeIfAbsent(change.process(), p -> new Recent());
        r.changes.addLast(change);
        while (r.changes.size() > bufferSize) {
            r.evictedUpTo = r.changes.removeFirst().offset();
        }
    }

    /** The offset of the last change released to listeners. */
    public long released() {
        return released;
    }

    /**
     * The changes of {@code process} after {@code since} up to the last released, in order — or
     * null when the buffer no longer reaches back that far. Call on the feed's thread.
     */
    public List<Change> since(String process, long since) {
        if (since > released) {
            return null; // a client ahead of this server (another store, or a lost one)
        }
        Recent r = recent.get(process);
        if (r == null) {
            return since >= 0 ? List.of() : null;
        }
        if (since < r.evictedUpTo) {
            return null;
        }
        List<Change> after = new ArrayList<>();
        for (Change c : r.changes) {
            if (c.offset() > since) {
                after.add(c);
            }
        }
        return after;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
