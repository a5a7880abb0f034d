package org.diplomacytracker.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
import org.diplomacytracker.core.catalogue.Catalogue;
import org.diplomacytracker.core.live.ChangeFeed;
import org.diplomacytracker.core.process.DevelopmentRecorder;
import org.diplomacytracker.core.process.DoublingSnapshots;
import org.diplomacytracker.core.process.Recording;
import org.diplomacytracker.core.state.StateIndex;
import org.diplomacytracker.core.store.AppendNotifier;
import org.diplomacytracker.core.store.AppendedEventSource;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.core.store.Submission;
import org.diplomacytracker.core.store.WakeableEventStore;
import org.diplomacytracker.events.Development;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running core: the event store, the command side and the read models, started together and
 * closed together. The web layer and the command line use only this.
 */
public final class Tracker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tracker.class);
    private static final Duration VISIBILITY_WAIT = Duration.ofSeconds(10);

    private final EventStoreDatabase db;
    private final Configuration axon;
    private final Catalogue catalogue;
    private final StateIndex state;
    private final ChangeFeed feed;
    private final ReadModelProjection projection;
    private final DoublingSnapshots snapshots;
    private final AppendNotifier notifier;
    private final DevelopmentRecorder recorder;
    private final ExecutorService recordingThreads;

    private Tracker(EventStoreDatabase db, Configuration axon, Catalogue catalogue, StateIndex state,
                    ChangeFeed feed, ReadModelProjection projection, DoublingSnapshots snapshots,
                    int recorderThreads) {
        this.db = db;
        this.axon = axon;
        this.catalogue = catalogue;
        this.state = state;
        this.feed = feed;
        this.projection = projection;
        this.snapshots = snapshots;
        this.notifier = db.settings().dialect() == StoreSettings.Dialect.POSTGRESQL
                ? new AppendNotifier(db.settings(), db.node(), ((WakeableEventStore) axon.eventStore())::wake) : null;
        // this node's commits go to the read models' stream, which hands them on in the store's order
        this.recorder = new DevelopmentRecorder(axon.commandBus(), db,
                axon.getComponent(AppendedEventSource.class)::committed);
        this.recordingThreads = Executors.newFixedThreadPool(recorderThreads, named("tracker-recorder"));
    }

    /**
     * Opens the store (creating its tables when absent), starts Axon, and returns once the read
     * models have caught up with everything already in the store.
     */
    public static Tracker start(TrackerOptions options) {
        EventStoreDatabase db = EventStoreDatabase.open(options.store(), options.poolSize());
        ReadModelProjection[] opened = new ReadModelProjection[1];
        try {
            Catalogue catalogue = new Catalogue();
            StateIndex state = new StateIndex();
            ChangeFeed feed = new ChangeFeed(StateIndex.GAP_GRACE, options.liveBuffer(), Duration.ofMillis(250));
            Configuration[] started = new Configuration[1];
            DoublingSnapshots snapshots = new DoublingSnapshots(() -> started[0].snapshotter(),
                    options.snapshotMinimum());
            ReadModelProjection projection = new ReadModelProjection(state, catalogue, feed, db);
            opened[0] = projection;
            TokenStore tokens = new InMemoryTokenStore();
            TrackingToken read = readStored(db, projection);
            if (read != null) {
                tokens.initializeTokenSegments(ReadModelProjection.PROCESSOR, 1, read);
            }
            Configuration axon = TrackerConfiguration.configurer(db, options, projection, snapshots, tokens).start();
            started[0] = axon;
            Tracker tracker = new Tracker(db, axon, catalogue, state, feed, projection, snapshots,
                    options.recorderThreads());
            tracker.awaitCatchUp();
            return tracker;
        } catch (RuntimeException e) {
            if (opened[0] != null) {
                opened[0].close();
            }
            db.close();
            throw e;
        }
    }

    /**
     * Start-up: reads what the store holds straight from the storage engine into the read models (the
     * same handler, so the same offsets and hole handling as the processor's), without the
     * processor's per-batch units of work and token bookkeeping; the applying overlaps the reading on
     * the projection's own thread. Returns the token of the last event read (null for an empty store):
     * the processor goes on from there, so what was appended meanwhile and the holes still open are
     * its to deliver.
     */
    private static TrackingToken readStored(EventStoreDatabase db, ReadModelProjection projection) {
        long head = db.headOffset();
        if (head == 0) {
            return null;
        }
        log.info("reading {} stored events into the read models", head);
        long started = System.nanoTime();
        long[] count = new long[1];
        long[] lastReport = {started};
        TrackingToken[] last = new TrackingToken[1];
        EventStorageEngine engine = TrackerConfiguration.storageEngine(db);
        projection.beginBulk();
        try (Stream<? extends TrackedEventMessage<?>> stored = engine.readEvents(null, false)) {
            stored.forEach(message -> {
                if (projection.canHandle(message)) {
                    projection.on(message);
                }
                last[0] = message.trackingToken();
                if (++count[0] % 10_000 == 0 && System.nanoTime() - lastReport[0] > TimeUnit.SECONDS.toNanos(2)) {
                    log.info("reading: {} of {} events", count[0], head);
                    lastReport[0] = System.nanoTime();
                }
            });
        } finally {
            projection.endBulk();
        }
        log.info("read {} stored events in {} ms", count[0], TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return last[0];
    }

    private void awaitCatchUp() {
        long head = db.headOffset();
        if (head == 0) {
            return;
        }
        log.info("rebuilding the read models from {} stored events", head);
        long started = System.nanoTime();
        long lastReport = started;
        while (catalogue.lastOffset() < head) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rebuilding the read models", e);
            }
            long now = System.nanoTime();
            if (now - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                log.info("rebuilding: {} of {} events", catalogue.lastOffset(), head);
                lastReport = now;
            }
        }
        // and the live feed has released it all, so that a client resuming right away finds its changes
        while (feed.released() < catalogue.lastOffset() && state.consistentOffset() >= catalogue.lastOffset()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rebuilding the read models", e);
            }
        }
        log.info("read models ready at offset {} in {} ms", head,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Records developments atomically on a recording thread. The future completes once they are
     * stored and visible to the read models (or fails with the refusal; nothing is then stored).
     */
    public CompletableFuture<Recording> record(List<Development> developments) {
        return CompletableFuture.supplyAsync(() -> recordNow(developments), recordingThreads)
                .thenCompose(this::visible);
    }

    /**
     * Records on the calling thread, and returns once it is committed: the read models' stream brings
     * it to them right after, and this does not wait for that ({@link #record} does).
     */
    public Recording recordNow(List<Development> developments) {
        return recorder.record(developments);
    }

    /**
     * As {@link #recordNow(List)}, for developments imported from an export: each keeps the time it was
     * first recorded ({@code recordedAt}, one per development, null where it is recorded now), which
     * decides {@code knownAt} for it from then on. None may lie in the future.
     */
    public Recording recordNow(List<Development> developments, List<Instant> recordedAt) {
        Instant now = Instant.now();
        for (Instant first : recordedAt) {
            if (first != null && first.isAfter(now)) {
                throw new IllegalArgumentException("a recorded time in the future: " + first);
            }
        }
        return recorder.record(developments, recordedAt);
    }

    /** The projection that feeds the read models: for tests. */
    ReadModelProjection projection() {
        return projection;
    }

    /** The read models' stream: for tests. */
    AppendedEventSource readModelStream() {
        return axon.getComponent(AppendedEventSource.class);
    }

    /** Axon's processor that runs the projection: for tests. */
    EventProcessor readModelProcessor() {
        return axon.eventProcessingConfiguration().eventProcessor(ReadModelProjection.PROCESSOR).orElseThrow();
    }

    private CompletableFuture<Recording> visible(Recording recording) {
        if (recording.outcomes().isEmpty()) {
            return CompletableFuture.completedFuture(recording);
        }
        // a process's developments reach the catalogue in order: waiting for each process's last suffices
        CompletableFuture<?>[] waits = recording.outcomes().stream()
                .collect(java.util.stream.Collectors.toMap(Recording.Outcome::process, o -> o, (a, b) -> b))
                .values().stream()
                .map(o -> catalogue.awaitRecorded(o.process(), o.id()))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(waits)
                .completeOnTimeout(null, VISIBILITY_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(x -> recording);
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** The ordered feed of changes that live views follow. */
    public ChangeFeed feed() {
        return feed;
    }

    /** The negotiation state as of any date, as known at any time. */
    public StateIndex state() {
        return state;
    }

    public EventStoreDatabase database() {
        return db;
    }

    /** Every stored development in recorded (global) order, up to the head of the store when called. */
    public long export(Consumer<Development> sink) {
        return export((development, recordedAt) -> sink.accept(development));
    }

    /**
     * Every stored development in recorded (global) order with the time it was recorded (for one
     * imported from an export, the time it was first recorded), up to the head of the store when called.
     */
    public long export(java.util.function.BiConsumer<Development, Instant> sink) {
        long head = db.headOffset();
        if (head == 0) {
            return 0;
        }
        EventStore store = axon.eventStore();
        long count = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            while (true) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                if (message.getPayload() instanceof Development d) {
                    sink.accept(d, Submission.recordedAt(message));
                    count++;
                }
                if (message.trackingToken().position().orElse(0) >= head) {
                    return count;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exporting", e);
        }
    }

    @Override
    public void close() {
        recordingThreads.shutdown();
        try {
            if (!recordingThreads.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("recordings still running after 30 s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (notifier != null) {
            notifier.close();
        }
        snapshots.close();
        axon.shutdown();
        try {
            if (!((WakeableEventStore) axon.eventStore()).awaitStopped(10_000)) {
                log.warn("the event store's reader still runs 10 s after shutdown; closing the database anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        projection.close();
        feed.close();
        db.close();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
