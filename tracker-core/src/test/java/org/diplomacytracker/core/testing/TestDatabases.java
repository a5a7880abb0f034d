package org.diplomacytracker.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.diplomacytracker.core.store.EventStoreDatabase;
import org.diplomacytracker.core.store.StoreSettings;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for tests. PostgreSQL comes from {@code TRACKER_TEST_PG_URL} (a JDBC URL with its user,
 * e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); each test gets a schema of its
 * own, dropped when it closes, so no run relies on what an earlier one left. Without the variable
 * the PostgreSQL tests are skipped with a message — except under CI ({@code CI=true}), where a
 * missing database is a failure, so that a skip never passes for a green run.
 */
public final class TestDatabases {

    public static final String PG_URL_VARIABLE = "TRACKER_TEST_PG_URL";

    private TestDatabases() {
    }

    /** A fresh PostgreSQL schema, or the test is skipped (locally) / failed (CI) when none is configured. */
    /** One column of every stored event, in the store's global order: what a test reads back raw. */
    public static List<String> storedColumn(EventStoreDatabase db, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.transactions().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + column + " FROM " + db.schema().domainEventTable()
                     + " ORDER BY " + db.schema().globalIndexColumn())) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    public static PostgresSchema postgres() {
        String url = System.getenv(PG_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(PG_URL_VARIABLE + " must be set in CI: the PostgreSQL tests must run");
            }
            Assumptions.abort(PG_URL_VARIABLE + " is not set: PostgreSQL tests skipped "
                    + "(set it to e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
        }
        return PostgresSchema.create(url);
    }

    /** One schema in the test database, named at random; {@link #close()} drops it with all it holds. */
    public static final class PostgresSchema implements AutoCloseable {
        private final String baseUrl;
        private final String schema;

        private PostgresSchema(String baseUrl, String schema) {
            this.baseUrl = baseUrl;
            this.schema = schema;
        }

        static PostgresSchema create(String baseUrl) {
            String schema = "tracker_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                    .toLowerCase(Locale.ROOT);
            execute(baseUrl, "CREATE SCHEMA " + schema);
            return new PostgresSchema(baseUrl, schema);
        }

        /** The JDBC URL that puts the tracker's tables in this schema. */
        public String url() {
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        public StoreSettings settings() {
            return StoreSettings.jdbc(url(), null, null);
        }

        public String name() {
            return schema;
        }

        @Override
        public void close() {
            execute(baseUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }

        private static void execute(String url, String sql) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare the PostgreSQL test schema: " + e.getMessage(), e);
            }
        }
    }
}
