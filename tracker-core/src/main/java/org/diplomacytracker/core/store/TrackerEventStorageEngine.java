package org.diplomacytracker.core.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
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
 * agree. And an append in a unit of work notes where each event landed, from the keys the insert
 * generated, so that the committer need not read that back ({@link #appendedIn}).
 */
public final class TrackerEventStorageEngine extends JdbcEventStorageEngine {

    /** Axon's defaults, set explicitly so that the token rule here uses the same values. */
    static final int MAX_GAP_OFFSET = 10_000;
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private static final String APPENDED = TrackerEventStorageEngine.class.getName() + ".appended";

    private final EventSchema schema;
    /** The global index column as the database spells it: see {@link #keyColumn(Connection)}. */
    private volatile String keyColumn;
    /** The last recorded time given to an append ({@link #stamp}); guarded by this. */
    private Instant lastStamp;

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
        return new TrackedDomainEventData<>(tokenAt(previousToken, globalSequence, timestamp),
                new StoredTime<>(entry, timestamp));
    }

    /**
     * The token of the event at {@code globalSequence}, recorded at {@code timestamp}, read right after
     * the one whose token is {@code previousToken} (null: the first event read): Axon's rule, for the
     * events read from the store and for those the read models' stream hands on from this node's
     * commits alike.
     */
    static GapAwareTrackingToken tokenAt(GapAwareTrackingToken previousToken, long globalSequence, Instant timestamp) {
        boolean allowGaps = timestamp.isAfter(
                GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MILLIS));
        if (previousToken == null) {
            SortedSet<Long> gaps = new TreeSet<>();
            if (allowGaps) {
                for (long g = Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence); g < globalSequence; g++) {
                    gaps.add(g);
                }
            }
            return GapAwareTrackingToken.newInstance(globalSequence, gaps);
        }
        return previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
    }

    /** An event appended in a unit of work: where it landed, and the time stored with it. */
    public record Appended(DomainEventMessage<?> message, long offset, Instant recordedAt) {
    }

    /**
     * Inside a unit of work: the events in the order they were submitted, each with the recorded time
     * of this append ({@link Submission}); Axon's own insert, prepared so that the database returns the global
     * indexes it generates; right after the batch ran, each event is noted in the unit of work with its
     * index and the time written for it (see {@link #appendedIn}), so that whoever commits it knows
     * where its events landed without reading them back. Outside a unit of work, Axon's statement as it is.
     */
    @Override
    protected PreparedStatement appendEvents(Connection connection, List<? extends EventMessage<?>> events,
                                             Serializer serializer) throws SQLException {
        if (!CurrentUnitOfWork.isStarted()) {
            return super.appendEvents(connection, events, serializer);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<EventMessage<?>> arranged = Submission.arrange(unitOfWork, events, stamp());
        String[] keys = {keyColumn(connection)};
        Connection returningKeys = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) ->
                        method.getName().equals("prepareStatement") && args != null && args.length == 1
                                ? connection.prepareStatement((String) args[0], keys)
                                : invoke(connection, method, args));
        PreparedStatement insert = super.appendEvents(returningKeys, arranged, serializer);
        return notingKeys(insert, () -> noteAppended(unitOfWork, insert, arranged));
    }

    /**
     * The recorded time of what is appended now: the clock's, but never earlier than the last one
     * given, so that on this node recorded times follow offsets even when the clock is set back.
     */
    private Instant stamp() {
        Instant now = GenericEventMessage.clock.instant();
        synchronized (this) {
            if (lastStamp != null && now.isBefore(lastStamp)) {
                now = lastStamp;
            }
            lastStamp = now;
        }
        return now;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The global index column as the database spells it (PostgreSQL folds to lower case, H2 to upper),
     * asked of the first connection and kept: one engine, one database.
     */
    private String keyColumn(Connection connection) throws SQLException {
        String known = keyColumn;
        if (known != null) {
            return known;
        }
        String column = schema.globalIndexColumn();
        if (connection.getMetaData().storesLowerCaseIdentifiers()) {
            column = column.toLowerCase(java.util.Locale.ROOT);
        } else if (connection.getMetaData().storesUpperCaseIdentifiers()) {
            column = column.toUpperCase(java.util.Locale.ROOT);
        }
        keyColumn = column;
        return column;
    }

    /** Axon runs the batch and closes the statement: right after the batch ran, {@code afterBatch} runs. */
    private static PreparedStatement notingKeys(PreparedStatement insert, SqlAction afterBatch) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    Object result = invoke(insert, method, args);
                    if (method.getName().equals("executeBatch")) {
                        afterBatch.run();
                    }
                    return result;
                });
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    /**
     * Notes the domain events with the keys the batch generated, in row order, and the time written for
     * them (as {@link #writeTimestamp} writes it). Where the database did not give one key per row, or
     * the time was written by Axon's general formatter, an event is noted without its offset
     * ({@code -1}): the committer reads it.
     */
    private static void noteAppended(UnitOfWork<?> unitOfWork, PreparedStatement insert,
                                     List<? extends EventMessage<?>> events) throws SQLException {
        List<Long> keys = new ArrayList<>(events.size());
        try (ResultSet generated = insert.getGeneratedKeys()) {
            while (generated.next()) {
                keys.add(generated.getLong(1));
            }
        }
        boolean known = keys.size() == events.size();
        List<Appended> appended = unitOfWork.getOrComputeResource(APPENDED, k -> new ArrayList<>());
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof DomainEventMessage<?> event) {
                Instant time = StoredTimestamps.written(event.getTimestamp());
                boolean noted = known && time != null;
                appended.add(new Appended(event, noted ? keys.get(i) : -1, noted ? time : null));
            }
        }
    }

    /**
     * The events this engine appended in {@code unitOfWork} (or the root it belongs to), in append
     * order, with where they landed ({@code -1} and no time where that is not known).
     */
    public static List<Appended> appendedIn(UnitOfWork<?> unitOfWork) {
        List<Appended> appended = unitOfWork.root().getResource(APPENDED);
        return appended == null ? List.of() : appended;
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
