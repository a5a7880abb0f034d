package org.diplomacytracker.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.diplomacytracker.core.store.DevelopmentSerializer;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.events.Development;

/**
 * The physical floor, (b): the same number of rows, with the same payload bytes, inserted by a plain
 * JDBC batch into the table the tracker creates for Axon (same DDL, so the same identity column,
 * unique constraints and indexes), committing every batch — what the database itself costs, with
 * no serialization or framework work inside the timing.
 */
final class JdbcInsertFloor {

    /** One row as Axon would write it; everything but the timestamp is computed before the clock starts. */
    record Row(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String payloadType,
               String payloadRevision, byte[] payload) {
    }

    private JdbcInsertFloor() {
    }

    /** The rows of the developments: Axon's serialized payloads, per-process sequence numbers, fresh ids of the given kind. */
    static List<Row> rows(List<Development> developments, FloorIds ids) {
        Serializer serializer = DevelopmentSerializer.create();
        Map<String, Long> sequences = new HashMap<>();
        List<Row> rows = new ArrayList<>(developments.size());
        for (Development d : developments) {
            String process = d.process().value();
            SerializedObject<byte[]> payload = serializer.serialize(d, byte[].class);
            rows.add(new Row(ids.next(), process, sequences.merge(process, 1L, Long::sum) - 1,
                    payload.getType().getName(), payload.getType().getRevision(), payload.getData()));
        }
        return rows;
    }

    /** Axon's serialization of empty metadata: what every row of (a) carries. */
    static byte[] emptyMetaData() {
        return DevelopmentSerializer.create().serialize(MetaData.emptyInstance(), byte[].class).getData();
    }

    /** Inserts the rows into the store; returns the wall time of the inserts and commits, in ns. */
    static long run(StoreSettings store, List<Row> rows, int batchSize) throws SQLException {
        byte[] metaData = emptyMetaData();
        try (EventStoreDatabase db = EventStoreDatabase.open(store, 2)) {
            EventSchema schema = db.schema();
            // the column list and order of Axon's own append statement
            String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields()
                    + ") VALUES (?,?,?,?,?,?,?,?,?)";
            try (Connection c = db.transactions().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    long started = System.nanoTime();
                    for (int from = 0; from < rows.size(); from += batchSize) {
                        String timestamp = DateTimeUtils.formatInstant(Instant.now());
                        int to = Math.min(from + batchSize, rows.size());
                        for (int i = from; i < to; i++) {
                            Row row = rows.get(i);
                            ps.setString(1, row.eventIdentifier());
                            ps.setString(2, row.aggregateIdentifier());
                            ps.setLong(3, row.sequenceNumber());
                            ps.setString(4, AxonPublishFloor.AGGREGATE_TYPE);
                            ps.setString(5, timestamp);
                            ps.setString(6, row.payloadType());
                            ps.setString(7, row.payloadRevision());
                            ps.setObject(8, row.payload());
                            ps.setObject(9, metaData);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                        c.commit();
                    }
                    return System.nanoTime() - started;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }
}
