package org.diplomacytracker.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.diplomacytracker.events.IsoTime;

/**
 * Axon's JDBC engine, with savings on the two paths every event takes. On the way in, the timestamp
 * text is written without Axon's general formatter ({@link IsoTime#formatMillis}, the same text). On
 * the way out, Axon's stored entry parses its timestamp text through a general ISO formatter each time
 * it is asked — once for the token's gap rule, once more for the message — which was nearly half of
 * reading an event back. Here it is parsed once, directly ({@link StoredTimestamps}), and that one
 * value serves both. The token follows Axon's rule exactly: a new event may leave gaps below it unless
 * it is older than the gap timeout, and gaps further than the maximum gap offset below it are
 * forgotten; the engine is built with those settings given explicitly (see {@code configure}), so both
 * agree.
 */
public final class TrackerEventStorageEngine extends JdbcEventStorageEngine {

    /** Axon's defaults, set explicitly so that the token rule here uses the same values. */
    static final int MAX_GAP_OFFSET = 10_000;
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private final EventSchema schema;

    public TrackerEventStorageEngine(Builder builder, EventSchema schema) {
        super(configure(builder));
        this.schema = schema;
    }

    /** The gap settings this engine's token rule relies on. */
    private static Builder configure(Builder builder) {
        return builder.maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS);
    }

    /** The text Axon writes ({@code 2024-11-28T09:00:00.123Z}), without its general formatter. */
    @Override
    protected void writeTimestamp(PreparedStatement statement, int position, Instant timestamp) throws SQLException {
        String text = IsoTime.formatMillis(timestamp);
        if (text == null) {
            super.writeTimestamp(statement, position, timestamp);
        } else {
            statement.setString(position, text);
        }
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        String text = resultSet.getString(schema.timestampColumn());
        Instant timestamp = StoredTimestamps.parse(text);
        GenericDomainEventEntry<?> entry = new GenericDomainEventEntry<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                text,
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        boolean allowGaps = timestamp.isAfter(
                GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MILLIS));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            SortedSet<Long> gaps = new TreeSet<>();
            if (allowGaps) {
                for (long g = Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence); g < globalSequence; g++) {
                    gaps.add(g);
                }
            }
            token = GapAwareTrackingToken.newInstance(globalSequence, gaps);
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, new StoredTime<>(entry, timestamp));
    }

    /** A stored event with its time already parsed. */
    private static final class StoredTime<T> implements DomainEventData<T> {
        private final DomainEventData<T> entry;
        private final Instant timestamp;

        StoredTime(DomainEventData<T> entry, Instant timestamp) {
            this.entry = entry;
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
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
