package org.diplomacytracker.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomacytracker.core.TrackerConfiguration;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.events.Development;

/**
 * The framework floor, (a): the same developments appended through Axon alone — the tracker's JDBC
 * storage engine, serializer and transactions, an {@link EmbeddedEventStore}, {@code publish} in
 * batches inside one unit of work and one transaction each — with no HTTP, no decoding, no
 * aggregate, no validation, no projection. What the tracker adds on top of Axon is the gap between
 * this and the HTTP ingest.
 */
public final class AxonPublishFloor {

    /** The aggregate type the tracker's events carry (Axon names it after the aggregate class). */
    public static final String AGGREGATE_TYPE = "PeaceProcess";

    private AxonPublishFloor() {
    }

    /** Appends every development to the store, after whatever it holds; events carry ids of the given kind; returns the wall time of the appends alone, in ns. */
    static long run(StoreSettings settings, List<Development> developments, int batchSize, FloorIds ids) {
        TrackerConfiguration.disableTelemetry();
        try (EventStoreDatabase db = EventStoreDatabase.open(settings, 4)) {
            EventStorageEngine engine = TrackerConfiguration.storageEngine(db);
            EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
            try {
                Map<String, Long> sequences = new HashMap<>();
                long started = System.nanoTime();
                for (int from = 0; from < developments.size(); from += batchSize) {
                    List<Development> slice = developments.subList(from, Math.min(from + batchSize, developments.size()));
                    List<DomainEventMessage<?>> batch = new ArrayList<>(slice.size());
                    for (Development d : slice) {
                        String process = d.process().value();
                        long sequence = sequences.merge(process, 1L, Long::sum) - 1; // Axon's first is 0
                        batch.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, process, sequence, d, MetaData.emptyInstance(),
                                ids.next(), Instant.now()));
                    }
                    publish(store, db, batch);
                }
                return System.nanoTime() - started;
            } finally {
                store.shutDown();
            }
        }
    }

    /** One unit of work with the transaction attached: Axon appends the batch when it commits. */
    public static void publish(EmbeddedEventStore store, EventStoreDatabase db, List<DomainEventMessage<?>> batch) {
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        try {
            uow.attachTransaction(db.transactions());
            store.publish(batch);
            uow.commit();
        } catch (RuntimeException | Error e) {
            if (uow.isActive()) {
                uow.rollback(e);
            }
            throw e;
        }
    }
}
