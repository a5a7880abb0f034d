package org.diplomacytracker.core.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The stored events as a stream for Axon's pooled streaming processor, in the store's global order
 * (gaps and all, as Axon's tokens track them), with an availability callback: {@link #appended()} —
 * called once an append of this node has committed, or when the database tells of another node's —
 * runs it, so that the processor's coordinator reads at once. Axon's embedded store offers the pooled
 * processor no such callback, and the coordinator then polls every 500 ms (hard-coded); its own
 * read-ahead would also report events as available only after its producer thread fetched them,
 * later than the commit that announces them.
 *
 * <p>The events come from the storage engine, and — for this node's own commits — from what the
 * commit just wrote ({@link #committed}): the committed messages, at the offsets and with the recorded
 * time the store gave them, are kept for the open streams until every stream went past them. A stream
 * hands them on where they are next in the store's order — the event right after its token's index,
 * or one that fills a gap of its token — with exactly the token that reading them back would have
 * given ({@link TrackerEventStorageEngine#tokenAt}); anything else it reads from the store: other
 * nodes' events, events from before it was opened, and what was dropped from the kept tail. So this
 * node's events are not read back and deserialised, and yet reach the read models only through the
 * stream, in the store's order. While its token has gaps, a stream still reads the store at least every
 * {@link #STORE_CHECK_MILLIS} ms, for fillers that only the store has (another node's transaction that
 * committed late).
 *
 * <p>Each event handed on carries its own global offset ({@link OffsetTrackedMessage}): a gap-aware
 * token tells the highest index seen, not the event's own.
 *
 * <p>Each stream is read by one thread at a time — the coordinator's — and buffers at most
 * {@code fetchSize} events; {@link #appended()} and {@link #committed} may come from any thread.
 */
public final class AppendedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /**
     * The widest range of offsets kept for the streams: a stream further behind reads the store (when
     * it is stopped, say, or catching up after a restart).
     */
    static final long TAIL_RANGE = 50_000;
    /** While its token has gaps, a stream reads the store at least this often. */
    static final long STORE_CHECK_MILLIS = 100;
    /**
     * Kept events a stream hands on at a time: they are in memory already, so more than a read of the
     * store fetches (as many as Axon's pooled processor takes into a work package at once).
     */
    static final int TAIL_FETCH = 1_024;

    private final EventStorageEngine engine;
    private final int fetchSize;
    private final long storeCheckNanos;
    private final Set<EngineStream> open = ConcurrentHashMap.newKeySet();
    /** This node's committed events by offset, kept until every open stream went past them. */
    private final ConcurrentSkipListMap<Long, DomainEventMessage<?>> tail = new ConcurrentSkipListMap<>();
    private final LongAdder fromCommits = new LongAdder();
    private final LongAdder fromStore = new LongAdder();
    private final LongAdder storeReads = new LongAdder();

    /** An event this node committed, at the offset the store gave it, with the time the store recorded. */
    public record Committed(long offset, DomainEventMessage<?> event) {
    }

    /** Hands on every event with its offset; reads up to {@code fetchSize} at a time. */
    public AppendedEventSource(EventStorageEngine engine, int fetchSize) {
        this(engine, fetchSize, STORE_CHECK_MILLIS);
    }

    /** As above, reading the store at least every {@code storeCheckMillis} while a stream's token has gaps. */
    AppendedEventSource(EventStorageEngine engine, int fetchSize, long storeCheckMillis) {
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetch size must be positive: " + fetchSize);
        }
        this.engine = engine;
        this.fetchSize = fetchSize;
        this.storeCheckNanos = TimeUnit.MILLISECONDS.toNanos(storeCheckMillis);
    }

    /**
     * Events of this node were committed at these offsets: kept for the open streams (none open, none
     * kept: a stream opened later reads the store), which are then told. Each event must carry the
     * time the store recorded for it.
     */
    public void committed(List<Committed> events) {
        if (!open.isEmpty()) {
            for (Committed c : events) {
                tail.put(c.offset(), c.event());
            }
            trim();
        }
        appended();
    }

    /** Drops what every open stream went past, and what lies beyond the kept range. */
    private void trim() {
        long floor = Long.MAX_VALUE;
        for (EngineStream s : open) {
            floor = Math.min(floor, s.floor);
        }
        if (floor == Long.MAX_VALUE) {
            tail.clear();
            return;
        }
        tail.headMap(floor, true).clear();
        Map.Entry<Long, DomainEventMessage<?>> highest = tail.lastEntry();
        if (highest != null) {
            tail.headMap(highest.getKey() - TAIL_RANGE, true).clear();
        }
    }

    /** Below the lowest offset a stream at {@code token} may still hand on. */
    private static long floorOf(TrackingToken token) {
        if (!(token instanceof GapAwareTrackingToken at)) {
            return 0;
        }
        return at.getGaps().isEmpty() ? at.getIndex() : Math.min(at.getIndex(), at.getGaps().first() - 1);
    }

    /** How many events are kept for the streams: for tests. */
    int kept() {
        return tail.size();
    }

    /** How many events the streams handed on from this node's commits, without reading them. */
    public long handedOnFromCommits() {
        return fromCommits.sum();
    }

    /** How many times the streams read the store (each one query, whether it found events or not). */
    long storeReads() {
        return storeReads.sum();
    }

    /** How many events the streams read from the store. */
    public long readFromStore() {
        return fromStore.sum();
    }

    /** Events were appended and committed: open streams look again, and their readers are told. */
    public void appended() {
        for (EngineStream s : open) {
            s.signal();
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        EngineStream stream = new EngineStream(trackingToken);
        open.add(stream);
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

    /** {@code event} with its own offset, worked out from its token and the one just before it on this stream. */
    static TrackedEventMessage<?> withOffset(TrackedEventMessage<?> event, TrackingToken before) {
        if (!(event instanceof DomainEventMessage<?> domain)
                || !(event.trackingToken() instanceof GapAwareTrackingToken token)) {
            return event;
        }
        return new OffsetTrackedMessage<>(token, domain, OffsetTrackedMessage.offsetFrom(before, token));
    }

    private final class EngineStream implements BlockingStream<TrackedEventMessage<?>> {
        /** The token of the last event buffered: the next read goes on from it. Reader's thread only. */
        private TrackingToken last;
        /** Below the lowest offset this stream may still hand on: what is kept up to it can go. */
        private volatile long floor;
        /** When this stream last read the store (System.nanoTime). Reader's thread only. */
        private long storeReadAt = System.nanoTime();
        /** Whether that read found nothing, and how many signals had come when it began. Reader's thread only. */
        private boolean lastReadEmpty;
        private long signalledAtRead = -1;
        private final ArrayDeque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
        private volatile Runnable callback;
        private volatile boolean closed;
        /** Counts {@link #signal()}s, under its own monitor, for a reader waiting with a timeout. */
        private final Object signals = new Object();
        private long signalled;

        EngineStream(TrackingToken from) {
            this.last = from;
            this.floor = floorOf(from);
        }

        void signal() {
            synchronized (signals) {
                signalled++;
                signals.notifyAll();
            }
            Runnable c = callback;
            if (c != null) {
                c.run();
            }
        }

        /**
         * Buffers what comes next after {@link #last}, up to the fetch size, without waiting: from this
         * node's kept commits where they are next, else from the store.
         */
        private boolean fill() {
            if (!buffer.isEmpty()) {
                return true;
            }
            if (closed) {
                return false;
            }
            if (last instanceof GapAwareTrackingToken at && !tail.isEmpty()
                    && (at.getGaps().isEmpty() || System.nanoTime() - storeReadAt < storeCheckNanos)) {
                fromTail(at);
            }
            if (buffer.isEmpty() && mayHaveNews()) {
                fromStore();
            }
            floor = floorOf(last);
            Map.Entry<Long, DomainEventMessage<?>> lowest = tail.firstEntry();
            if (lowest != null && lowest.getKey() <= floor) {
                trim();
            }
            return !buffer.isEmpty();
        }

        /**
         * The kept events that come next, in the order the store would give them: those filling gaps of
         * the token, lowest first, then those directly following its index.
         */
        private void fromTail(GapAwareTrackingToken at) {
            GapAwareTrackingToken token = at;
            if (!at.getGaps().isEmpty()) {
                for (Map.Entry<Long, DomainEventMessage<?>> kept
                        : tail.subMap(at.getGaps().first(), true, at.getIndex(), false).entrySet()) {
                    if (buffer.size() == TAIL_FETCH) {
                        break;
                    }
                    if (token.getGaps().contains(kept.getKey())) {
                        token = handOn(token, kept.getKey(), kept.getValue());
                    }
                }
            }
            for (long next = token.getIndex() + 1; buffer.size() < TAIL_FETCH; next++) {
                DomainEventMessage<?> event = tail.get(next);
                if (event == null) {
                    break;
                }
                token = handOn(token, next, event);
            }
            last = token;
        }

        private GapAwareTrackingToken handOn(GapAwareTrackingToken before, long offset, DomainEventMessage<?> event) {
            GapAwareTrackingToken token = TrackerEventStorageEngine.tokenAt(before, offset, event.getTimestamp());
            buffer.add(new OffsetTrackedMessage<>(token, event, offset));
            fromCommits.increment();
            return token;
        }

        /**
         * Whether reading the store may find something: not when the last read found nothing, no
         * append was told since, and it was less than {@link #storeCheckNanos} ago. (A reader polling
         * an idle stream would otherwise query the store each time it asks; an append not told of —
         * another node's, without notifications — is found within that interval.)
         */
        private boolean mayHaveNews() {
            if (!lastReadEmpty) {
                return true;
            }
            synchronized (signals) {
                if (signalled != signalledAtRead) {
                    return true;
                }
            }
            return System.nanoTime() - storeReadAt >= storeCheckNanos;
        }

        private void fromStore() {
            synchronized (signals) {
                signalledAtRead = signalled;
            }
            storeReadAt = System.nanoTime();
            int before = buffer.size();
            storeReads.increment();
            try (Stream<? extends TrackedEventMessage<?>> read = engine.readEvents(last, false)) {
                Iterator<? extends TrackedEventMessage<?>> it = read.iterator();
                while (buffer.size() < fetchSize && it.hasNext()) {
                    TrackedEventMessage<?> event = it.next();
                    buffer.add(withOffset(event, last));
                    last = event.trackingToken();
                    fromStore.increment();
                }
            }
            lastReadEmpty = buffer.size() == before;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            fill();
            return Optional.ofNullable(buffer.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                long seen;
                synchronized (signals) {
                    seen = signalled;
                }
                if (fill()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                synchronized (signals) {
                    if (signalled == seen) {
                        TimeUnit.NANOSECONDS.timedWait(signals, left);
                    }
                }
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                if (closed) {
                    throw new IllegalStateException("the stream is closed");
                }
            }
            return buffer.poll();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            return true;
        }

        @Override
        public void close() {
            closed = true;
            open.remove(this);
            trim();
            buffer.clear();
            synchronized (signals) {
                signals.notifyAll();
            }
        }
    }
}
