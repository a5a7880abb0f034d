package org.diplomacytracker.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.diplomacytracker.core.TrackerConfiguration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomacytracker.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracker's engine writes and reads back what Axon's own engine would: the same timestamp text in
 * the store, and on the way out the same tokens (gaps included) and times.
 */
class TrackerEventStorageEngineTest {

    @TempDir
    Path dir;

    @Test
    void tokensAndTimesAreAxonsOwn() throws Exception {
        try (EventStoreDatabase db = EventStoreDatabase.open(StoreSettings.embedded(dir.resolve("data")), 2)) {
            var ours = TrackerConfiguration.storageEngine(db);
            List<GenericDomainEventMessage<String>> events = new ArrayList<>();
            Instant now = GenericEventMessage.clock.instant();
            for (int i = 0; i < 30; i++) {
                // old and recent events: the gap rule depends on the event's age
                Instant at = i < 10 ? now.minusSeconds(3_600 + i) : now.minusMillis(30L * i).plusNanos(123_456);
                events.add(new GenericDomainEventMessage<>("Test", "agg", i, "payload-" + i,
                        org.axonframework.messaging.MetaData.emptyInstance(), "id-" + i, at));
            }
            db.transactions().executeInTransaction(() -> ours.appendEvents(events));
            // holes in the global order: rows 5, 6 (old) and 20 (recent) gone
            try (Connection c = db.transactions().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM " + db.schema().domainEventTable() + " WHERE "
                        + db.schema().eventIdentifierColumn() + " IN ('id-5', 'id-6', 'id-20')");
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            JdbcEventStorageEngine axons = JdbcEventStorageEngine.builder()
                    .connectionProvider(db.transactions())
                    .transactionManager(db.transactions())
                    .schema(db.schema())
                    .dataType(byte[].class)
                    .eventSerializer(JacksonSerializer.defaultSerializer())
                    .snapshotSerializer(JacksonSerializer.defaultSerializer())
                    .build();

            List<? extends TrackedEventMessage<?>> a = read(axons);
            List<? extends TrackedEventMessage<?>> b = read(ours);
            assertThat(b).hasSize(27);
            assertThat(b.stream().map(TrackedEventMessage::trackingToken).collect(Collectors.toList()))
                    .isEqualTo(a.stream().map(TrackedEventMessage::trackingToken).collect(Collectors.toList()));
            assertThat(b.stream().map(TrackedEventMessage::getTimestamp).collect(Collectors.toList()))
                    .isEqualTo(a.stream().map(TrackedEventMessage::getTimestamp).collect(Collectors.toList()));
            // written as Axon writes it: milliseconds, so what comes back is the time cut to them
            TrackedEventMessage<?> twelfth = b.stream().filter(m -> m.getIdentifier().equals("id-12")).findFirst().orElseThrow();
            assertThat(twelfth.getTimestamp()).isEqualTo(events.get(12).getTimestamp().truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anAppendInAUnitOfWorkNotesWhereEachEventLandedAndWritesWhatAxonWrites(String kind) throws Exception {
        TestDatabases.PostgresSchema pg = kind.equals("postgresql") ? TestDatabases.postgres() : null;
        StoreSettings settings = pg != null ? pg.settings() : StoreSettings.embedded(dir.resolve("data"));
        try (EventStoreDatabase db = EventStoreDatabase.open(settings, 2)) {
            var engine = TrackerConfiguration.storageEngine(db);
            Instant at = GenericEventMessage.clock.instant().plusNanos(123_456);
            List<GenericDomainEventMessage<String>> axons = new ArrayList<>();
            List<GenericDomainEventMessage<String>> noted = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                axons.add(new GenericDomainEventMessage<>("Test", "a", i, "payload-" + i,
                        org.axonframework.messaging.MetaData.emptyInstance(), "a-" + i, at));
                noted.add(new GenericDomainEventMessage<>("Test", "b", i, "payload-" + i,
                        org.axonframework.messaging.MetaData.emptyInstance(), "b-" + i, at));
            }
            db.transactions().executeInTransaction(() -> engine.appendEvents(axons)); // Axon's own statement
            UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
            List<TrackerEventStorageEngine.Appended> appended;
            try {
                uow.attachTransaction(db.transactions());
                engine.appendEvents(noted);
                appended = List.copyOf(TrackerEventStorageEngine.appendedIn(uow));
            } finally {
                uow.commit();
            }

            List<String> offsets = TestDatabases.storedColumn(db, db.schema().globalIndexColumn());
            assertThat(appended).extracting(a -> a.message().getIdentifier()).containsExactly("b-0", "b-1", "b-2", "b-3");
            assertThat(appended).extracting(a -> String.valueOf(a.offset()))
                    .as("the offsets the database gave them").containsExactlyElementsOf(offsets.subList(4, 8));
            List<? extends TrackedEventMessage<?>> read = read(engine);
            assertThat(appended).extracting(TrackerEventStorageEngine.Appended::recordedAt)
                    .as("the times as read back").containsExactlyElementsOf(
                            read.subList(4, 8).stream().map(TrackedEventMessage::getTimestamp).toList());
            // stamped with the moment of the append, one for the whole unit, in the text Axon writes
            List<String> times = TestDatabases.storedColumn(db, db.schema().timestampColumn());
            assertThat(times.subList(4, 8)).as("one recorded time for the unit").containsOnly(times.get(4));
            assertThat(Instant.parse(times.get(4))).as("taken at the append").isAfterOrEqualTo(at.truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS));
            assertThat(times.get(4)).hasSameSizeAs(times.get(0)).endsWith("Z");
            // otherwise the rows are what Axon's statement writes for the same events
            for (String column : List.of(db.schema().typeColumn(),
                    db.schema().payloadTypeColumn(), db.schema().payloadRevisionColumn(),
                    db.schema().sequenceNumberColumn(), db.schema().payloadColumn(), db.schema().metaDataColumn())) {
                List<String> values = TestDatabases.storedColumn(db, column);
                assertThat(values.subList(4, 8)).as(column).isEqualTo(values.subList(0, 4));
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static List<? extends TrackedEventMessage<?>> read(org.axonframework.eventsourcing.eventstore.EventStorageEngine engine) {
        return engine.readEvents(null, false).collect(Collectors.toList());
    }
}
