package org.diplomacytracker.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.common.jdbc.JdbcException;

/**
 * The database behind the event store: a HikariCP pool, the thread-bound transactions Axon uses,
 * the event and snapshot tables (created when absent), and the reads of the event table that Axon's
 * API does not offer — the global offset and timestamp of a process's events by sequence number.
 */
public final class EventStoreDatabase implements AutoCloseable {

    private final StoreSettings settings;
    private final HikariDataSource dataSource;
    private final JdbcTransactions transactions;
    private final EventSchema schema = new EventSchema();
    /** This node, as its notifications name it: a node is not woken by its own appends. */
    private final String node = java.util.UUID.randomUUID().toString();

    private EventStoreDatabase(StoreSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.transactions = new JdbcTransactions(dataSource);
    }

    /** Opens the pool and creates the tables when they are absent. */
    public static EventStoreDatabase open(StoreSettings settings, int poolSize) {
        if (settings.dataDir() != null) {
            try {
                Files.createDirectories(settings.dataDir());
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot create the data folder " + settings.dataDir()
                        + ": " + e.getMessage(), e);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("tracker-store");
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(30_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreUnavailableException(describeFailure(settings, e), e);
        }
        EventStoreDatabase db = new EventStoreDatabase(settings, dataSource);
        try {
            db.createTables();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return db;
    }

    private static String describeFailure(StoreSettings settings, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // H2 words a folder held by another process either way, depending on which lock it met first
        if (settings.dialect() == StoreSettings.Dialect.H2 && (why.contains("already in use")
                || why.contains("file is locked"))) {
            return "the data folder " + settings.dataDir() + " is in use by another tracker process; stop it "
                    + "or give another --data folder";
        }
        int newline = why.indexOf('\n');
        if (newline > 0) {
            why = why.substring(0, newline);
        }
        return "cannot open the event store at " + settings.describe() + ": " + why;
    }

    private void createTables() {
        EventTableFactory factory = tableFactory();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = factory.createDomainEventTable(c, schema)) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = factory.createSnapshotEventTable(c, schema)) {
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(describeFailure(settings, e), e);
        }
    }

    public StoreSettings settings() {
        return settings;
    }

    public JdbcTransactions transactions() {
        return transactions;
    }

    private EventTableFactory tableFactory() {
        return settings.dialect() == StoreSettings.Dialect.POSTGRESQL
                ? PostgresEventTableFactory.INSTANCE : H2EventTableFactory.INSTANCE;
    }

    public EventSchema schema() {
        return schema;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper METADATA = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The first recorded time an imported development's metadata carries ({@link Submission}), or null. */
    private static Instant firstRecorded(byte[] metaData) {
        if (metaData == null || metaData.length <= 2) {
            return null;
        }
        try {
            String text = METADATA.readTree(metaData).path(Submission.RECORDED_AT).asText(null);
            return text == null ? null : org.diplomacytracker.events.IsoTime.parseInstant(text);
        } catch (java.io.IOException | java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Where an appended event landed in the store's global order, and when it was recorded. */
    public record Position(long offset, Instant recordedAt) {
    }

    /**
     * The global offsets and recorded times of the events {@code from}..{@code to} (sequence numbers,
     * inclusive) of one process's stream, keyed by sequence number.
     */
    public Map<Long, Position> positions(String process, long from, long to) {
        String sql = "SELECT " + schema.sequenceNumberColumn() + ", " + schema.globalIndexColumn() + ", "
                + schema.timestampColumn() + ", " + schema.metaDataColumn() + " FROM " + schema.domainEventTable() + " WHERE "
                + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn()
                + " BETWEEN ? AND ?";
        Map<Long, Position> positions = new HashMap<>();
        try (Connection c = transactions.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, process);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant first = firstRecorded(rs.getBytes(4));
                    positions.put(rs.getLong(1), new Position(rs.getLong(2),
                            first != null ? first : StoredTimestamps.parse(rs.getString(3))));
                }
            }
        } catch (SQLException e) {
            throw new JdbcException("could not read event positions", e);
        }
        return positions;
    }

    /**
     * Tells the other nodes, when the current transaction commits, that events were appended
     * (PostgreSQL only: an embedded store has no other nodes).
     */
    public void announceAppend() {
        if (settings.dialect() != StoreSettings.Dialect.POSTGRESQL) {
            return;
        }
        try (Connection c = transactions.getConnection()) {
            AppendNotifier.notifyAppended(c, node);
        } catch (SQLException e) {
            throw new JdbcException("could not announce the append to other nodes", e);
        }
    }

    /** This node's name in the notifications it sends. */
    public String node() {
        return node;
    }

    /** The sequence number of the last event of a process's stream, -1 when it has none. */
    public long lastSequence(String process) {
        String sql = "SELECT MAX(" + schema.sequenceNumberColumn() + ") FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ?";
        try (Connection c = transactions.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, process);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long last = rs.getLong(1);
                return rs.wasNull() ? -1 : last;
            }
        } catch (SQLException e) {
            throw new JdbcException("could not read the length of a process's stream", e);
        }
    }

    /** Whether other processes may append to this store: a server database may be shared. */
    public boolean shared() {
        return settings.dialect() == StoreSettings.Dialect.POSTGRESQL;
    }

    /** The highest global offset in the store, 0 when it is empty. */
    public long headOffset() {
        String sql = "SELECT MAX(" + schema.globalIndexColumn() + ") FROM " + schema.domainEventTable();
        try (Connection c = transactions.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new JdbcException("could not read the head of the event store", e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
