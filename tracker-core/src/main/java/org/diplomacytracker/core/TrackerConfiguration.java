package org.diplomacytracker.core;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.lifecycle.Phase;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.diplomacytracker.core.catalogue.Catalogue;
import org.diplomacytracker.core.live.ChangeFeed;
import org.diplomacytracker.core.process.DoublingSnapshots;
import org.diplomacytracker.core.process.PeaceProcess;
import org.diplomacytracker.core.state.StateIndex;
import org.diplomacytracker.core.process.StrongCache;
import org.diplomacytracker.core.store.AppendedEventSource;
import org.diplomacytracker.core.store.DevelopmentSerializer;
import org.diplomacytracker.core.store.DuplicateKeyResolver;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.core.store.TrackerEventStorageEngine;
import org.diplomacytracker.core.store.WakeableEventStore;

/**
 * The one place the Axon setup is built, without Spring, for {@code main} and the tests alike: the
 * JDBC event store over the given database, Jackson for events (under their stable wire names),
 * messages and snapshots — XStream stays out — the {@link PeaceProcess} aggregate with an always-held
 * cache and snapshots each time its stream doubles, and the pooled streaming processor that feeds the read models.
 */
public final class TrackerConfiguration {

    /**
     * Events the read models' stream reads per query: the storage engine's own batch (Axon's default,
     * which bounds each query's range of global indexes), so that a read is one query.
     */
    static final int STREAM_FETCH = 100;

    private TrackerConfiguration() {
    }

    /** No phoning home: the AxonIQ console banner and the update checker stay off unless asked for. */
    public static void disableTelemetry() {
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static Configurer configurer(EventStoreDatabase db, TrackerOptions options, Catalogue catalogue,
                                        StateIndex state, ChangeFeed feed, DoublingSnapshots snapshots) {
        return configurer(db, options, new ReadModelProjection(state, catalogue, feed, db), snapshots);
    }

    static Configurer configurer(EventStoreDatabase db, TrackerOptions options, ReadModelProjection projection,
                                 DoublingSnapshots snapshots) {
        return configurer(db, options, projection, snapshots, new InMemoryTokenStore());
    }

    /**
     * The event storage engine over {@code db}, as the tracker's event store uses it: also what
     * start-up reads the stored events with, before the processor takes over, and what the
     * benchmarks' floors use, so that they measure the same engine.
     */
    public static EventStorageEngine storageEngine(EventStoreDatabase db) {
        return storageEngine(db, DevelopmentSerializer.create(),
                JacksonSerializer.builder().objectMapper(snapshotMapper()).build());
    }

    private static EventStorageEngine storageEngine(EventStoreDatabase db, Serializer events, Serializer general) {
        return new TrackerEventStorageEngine(
                JdbcEventStorageEngine.builder()
                        .connectionProvider(db.transactions())
                        .transactionManager(db.transactions())
                        .schema(db.schema())
                        .dataType(byte[].class)
                        .eventSerializer(events)
                        .snapshotSerializer(general)
                        .persistenceExceptionResolver(new DuplicateKeyResolver()),
                db.schema());
    }

    /**
     * As above, with the read models' token store given: start-up may have put the token of what it
     * already read there, so that the processor goes on from it.
     */
    static Configurer configurer(EventStoreDatabase db, TrackerOptions options, ReadModelProjection projection,
                                 DoublingSnapshots snapshots, TokenStore tokenStore) {
        disableTelemetry();
        Serializer general = JacksonSerializer.builder().objectMapper(snapshotMapper()).build();
        Serializer events = DevelopmentSerializer.create();

        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureTransactionManager(c -> db.transactions())
                // no trace and correlation ids on stored events: nothing reads them, every event paid for them
                .configureCorrelationDataProviders(c -> java.util.List.of())
                .configureSerializer(c -> general)
                .configureMessageSerializer(c -> general)
                .configureEventSerializer(c -> events)
                .registerComponent(EventStorageEngine.class, c -> storageEngine(db, events, general))
                // the read models' stream: handed this node's commits by the recorder (see Tracker), told
                // of other nodes' by the event store's wake-ups
                .registerComponent(AppendedEventSource.class, c -> {
                    AppendedEventSource source = new AppendedEventSource(
                            c.getComponent(EventStorageEngine.class), STREAM_FETCH);
                    ((WakeableEventStore) c.eventStore()).onWake(source::appended);
                    return source;
                })
                .configureEventStore(c -> new WakeableEventStore(EmbeddedEventStore.builder()
                        .storageEngine(c.getComponent(EventStorageEngine.class))
                        .fetchDelay(options.pollInterval().toMillis())
                        .timeUnit(TimeUnit.MILLISECONDS)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(PeaceProcess.class)
                        .configureCache(c -> new StrongCache(options.cachedProcesses()))
                        .configureSnapshotTrigger(c -> snapshots));

        // Axon's pooled streaming processor, one segment: the read models take the stream in the store's
        // order, and only from it. Its events come from the storage engine, or, for this node's own
        // commits, from what the commit wrote (see AppendedEventSource); each commit of this node (or
        // the database's word of another node's) tells its coordinator to read at once: the embedded
        // store's stream would leave it polling every 500 ms. Between notices it looks every poll
        // interval, as the embedded store does for other nodes.
        long pollMillis = Math.max(1, options.pollInterval().toMillis());
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor(
                daemon("read-models-coordinator"));
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(daemon("read-models-worker"));
        configurer.eventProcessing()
                .registerTokenStore(ReadModelProjection.PROCESSOR, c -> tokenStore)
                .registerPooledStreamingEventProcessor(ReadModelProjection.PROCESSOR,
                        c -> c.getComponent(AppendedEventSource.class),
                        (c, builder) -> builder
                                .initialSegmentCount(1)
                                .maxClaimedSegments(1)
                                .batchSize(options.processorBatchSize())
                                .coordinatorExecutor(coordinator)
                                .workerExecutor(worker)
                                .tokenClaimInterval(pollMillis)
                                .claimExtensionThreshold(pollMillis))
                .registerEventHandler(c -> projection)
                .assignHandlerInstancesMatching(ReadModelProjection.PROCESSOR, h -> h == projection);
        // after the processor stopped (Axon stops phases from the highest down)
        configurer.onShutdown(Phase.OUTBOUND_EVENT_CONNECTORS, () -> {
            coordinator.shutdownNow();
            worker.shutdownNow();
        });
        return configurer;
    }

    /**
     * The mapper for snapshots and Axon's own messages: fields rather than getters, so that the
     * aggregate's private state round-trips, and tolerant of fields a later version dropped.
     */
    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    static ObjectMapper snapshotMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return mapper;
    }
}
