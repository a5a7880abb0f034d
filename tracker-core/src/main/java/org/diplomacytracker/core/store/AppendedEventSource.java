package org.diplomacytracker.core.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The stored events as a stream for Axon's pooled streaming processor, read straight from the storage
 * engine in the store's global order (gaps and all, as Axon's tokens track them), with an
 * availability callback: {@link #appended()} — called once an append of this node has committed and
 * been applied to the read models, or when the database tells of another node's — runs it, so that
 * the processor's coordinator reads at once. Axon's embedded store offers the pooled processor no such
 * callback, and the coordinator then polls every 500 ms (hard-coded); its own read-ahead would also
 * report events as available only after its producer thread fetched them, later than the commit that
 * announces them.
 *
 * <p>A {@link Passer} may let a stream move past events without reading them (this node's own, which
 * the read models already have); each event a stream does hand on carries its own global offset
 * ({@link OffsetTrackedMessage}), which the passing would otherwise hide from the reader.
 *
 * <p>Each stream is read by one thread at a time — the coordinator's — and buffers at most
 * {@code fetchSize} events; {@link #appended()} may come from any thread.
 */
public final class AppendedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine engine;
    private final int fetchSize;
    private final Passer passer;
    private final Set<EngineStream> open = ConcurrentHashMap.newKeySet();

    /**
     * Who may let the stream pass over events without reading them: the reader of the stream, which
     * already has them from elsewhere (this node's own commits, handed to the read models directly).
     */
    public interface Passer {
        /**
         * The highest offset {@code through >= after} such that the stream need not read the events
         * in {@code (after, through]}: every one of them is already had, and everything the stream
         * handed on up to {@code after} has been handled. Returns {@code after} when there is none;
         * what it returns counts as passed.
         */
        long pass(long after);
    }

    /** Reads every event; hands each one on with its offset. */
    public AppendedEventSource(EventStorageEngine engine, int fetchSize) {
        this(engine, fetchSize, after -> after);
    }

    /** As above, and passes over what {@code passer} says it need not read. */
    public AppendedEventSource(EventStorageEngine engine, int fetchSize, Passer passer) {
        if (fetchSize < 1) {
            throw new IllegalArgumentException("fetch size must be positive: " + fetchSize);
        }
        this.engine = engine;
        this.fetchSize = fetchSize;
        this.passer = passer;
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
        private final ArrayDeque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
        private volatile Runnable callback;
        private volatile boolean closed;
        /** Counts {@link #signal()}s, under its own monitor, for a reader waiting with a timeout. */
        private final Object signals = new Object();
        private long signalled;

        EngineStream(TrackingToken from) {
            this.last = from;
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
         * Reads what the store holds after {@link #last}, up to the fetch size, without waiting; first
         * moves past what the passer says need not be read. A token moved past events that were all
         * there, with its gaps kept, is the token reading them would have given.
         */
        private boolean fill() {
            if (!buffer.isEmpty()) {
                return true;
            }
            if (closed) {
                return false;
            }
            if (last instanceof GapAwareTrackingToken at) {
                long through = passer.pass(at.getIndex());
                if (through > at.getIndex()) {
                    last = GapAwareTrackingToken.newInstance(through, at.getGaps());
                }
            }
            try (Stream<? extends TrackedEventMessage<?>> read = engine.readEvents(last, false)) {
                Iterator<? extends TrackedEventMessage<?>> it = read.iterator();
                while (buffer.size() < fetchSize && it.hasNext()) {
                    TrackedEventMessage<?> event = it.next();
                    buffer.add(withOffset(event, last));
                    last = event.trackingToken();
                }
            }
            return !buffer.isEmpty();
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
            buffer.clear();
            synchronized (signals) {
                signals.notifyAll();
            }
        }
    }
}
