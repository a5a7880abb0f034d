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
import org.junit.jupiter.api.Test;
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

    private static List<? extends TrackedEventMessage<?>> read(org.axonframework.eventsourcing.eventstore.EventStorageEngine engine) {
        return engine.readEvents(null, false).collect(Collectors.toList());
    }
}
