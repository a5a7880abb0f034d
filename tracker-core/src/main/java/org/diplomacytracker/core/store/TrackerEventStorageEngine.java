package org.diplomacytracker.core.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;

/**
 * Axon's JDBC engine, with one saving on the read path: Axon's stored entry parses its timestamp text
 * again each time it is asked (once for the token's gap rule, once more for the message), through a
 * general ISO formatter. Tracked events here carry the text and parse it once, with
 * {@link StoredTimestamps}, when the message's time is asked for.
 */
public final class TrackerEventStorageEngine extends JdbcEventStorageEngine {

    private final String timestampColumn;

    public TrackerEventStorageEngine(Builder builder, EventSchema schema) {
        super(builder);
        this.timestampColumn = schema.timestampColumn();
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> data = super.getTrackedEventData(resultSet, previousToken);
        if (data instanceof TrackedDomainEventData<?> domain) {
            return withStoredTime(domain, resultSet.getString(timestampColumn));
        }
        return data;
    }

    private static <T> TrackedEventData<T> withStoredTime(TrackedDomainEventData<T> data, String timestamp) {
        return new TrackedDomainEventData<>(data.trackingToken(), new StoredTime<>(data, timestamp));
    }

    /** A stored event whose time is parsed from its text on first use. */
    private static final class StoredTime<T> implements DomainEventData<T> {
        private final DomainEventData<T> entry;
        private final String text;
        private Instant timestamp;

        StoredTime(DomainEventData<T> entry, String text) {
            this.entry = entry;
            this.text = text;
        }

        @Override
        public Instant getTimestamp() {
            Instant t = timestamp;
            if (t == null) {
                t = text == null ? entry.getTimestamp() : StoredTimestamps.parse(text);
                timestamp = t;
            }
            return t;
        }

        @Override
        public String getEventIdentifier() {
            return entry.getEventIdentifier();
        }

        @Override
        public SerializedObject<T> getMetaData() {
            return entry.getMetaData();
        }

        @Override
        public SerializedObject<T> getPayload() {
            return entry.getPayload();
        }

        @Override
        public String getType() {
            return entry.getType();
        }

        @Override
        public String getAggregateIdentifier() {
            return entry.getAggregateIdentifier();
        }

        @Override
        public long getSequenceNumber() {
            return entry.getSequenceNumber();
        }
    }
}
