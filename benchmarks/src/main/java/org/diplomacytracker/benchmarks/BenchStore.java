package org.diplomacytracker.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.diplomacytracker.core.store.StoreSettings;

/**
 * A kind of event store the benchmark measures, handing out a fresh, empty store for every measured
 * phase and run, so that no run inherits another's data or indexes: an H2 file in its own folder, or
 * a PostgreSQL schema of its own, dropped afterwards.
 */
interface BenchStore {

    /** The name in the report: "H2 file", "PostgreSQL". */
    String name();

    /** A new empty store; {@code label} names it for whoever looks at the disk or the database. */
    Fresh fresh(String label);

    /**
     * Lets the database finish, before the next phase is timed, the work an earlier phase left behind:
     * PostgreSQL writes a checkpoint (a phase that wrote 700,000 events otherwise slows the next one
     * while the cluster flushes them); the embedded store has nothing to finish (each store is a file
     * of its own, closed with its phase).
     */
    default void quiesce() {
    }

    /** One empty store, removed by {@link #close()}. */
    interface Fresh extends AutoCloseable {

        /** How code in this JVM (the floors) opens it. */
        StoreSettings settings();

        /** How the server is pointed at it: {@code --data DIR} or {@code --db URL}. */
        List<String> serverArgs();

        /** Bytes on disk: the H2 database file, or PostgreSQL's event table with its indexes. */
        long sizeBytes();

        @Override
        void close();
    }

    /** The embedded store: an H2 file in a folder of its own under the benchmark's work folder. */
    final class H2 implements BenchStore {
        private final Path root;

        H2(Path root) {
            this.root = root;
        }

        @Override
        public String name() {
            return "H2 file";
        }

        @Override
        public Fresh fresh(String label) {
            try {
                Path dir = Files.createTempDirectory(root, label + "-");
                return new Fresh() {
                    @Override
                    public StoreSettings settings() {
                        return StoreSettings.embedded(dir);
                    }

                    @Override
                    public List<String> serverArgs() {
                        return List.of("--data", dir.toString());
                    }

                    @Override
                    public long sizeBytes() {
                        try (Stream<Path> files = Files.walk(dir)) {
                            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }

                    @Override
                    public void close() {
                        deleteTree(dir);
                    }
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * PostgreSQL: every fresh store is a new schema in the database of the base URL, reached by the
     * same URL with {@code currentSchema} set, so the tracker's unqualified table names land in it.
     */
    final class Postgres implements BenchStore {
        private static final AtomicInteger COUNTER = new AtomicInteger();
        private final String baseUrl;
        private final String runTag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

        Postgres(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        @Override
        public String name() {
            return "PostgreSQL";
        }

        /** Null when the database answers, else why not (so the run can skip it with a note). */
        String unreachable() {
            try (Connection c = connect()) {
                return null;
            } catch (SQLException e) {
                return e.getMessage();
            }
        }

        /** The server's version string, for the report. */
        String version() {
            try (Connection c = connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                return "PostgreSQL " + rs.getString(1);
            } catch (SQLException e) {
                return "PostgreSQL (version unknown: " + e.getMessage() + ")";
            }
        }

        private Connection connect() throws SQLException {
            DriverManager.setLoginTimeout(5);
            return DriverManager.getConnection(baseUrl);
        }

        @Override
        public Fresh fresh(String label) {
            String schema = ("bench_" + runTag + "_" + label + "_" + COUNTER.incrementAndGet())
                    .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            execute("CREATE SCHEMA " + schema);
            String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return new Fresh() {
                @Override
                public StoreSettings settings() {
                    return StoreSettings.jdbc(url, null, null);
                }

                @Override
                public List<String> serverArgs() {
                    return List.of("--db", url);
                }

                @Override
                public long sizeBytes() {
                    // the tracker's DDL names the table unquoted, so PostgreSQL folds it to lower case
                    try (Connection c = connect();
                         PreparedStatement ps = c.prepareStatement("SELECT pg_total_relation_size(to_regclass(?))")) {
                        ps.setString(1, schema + ".domainevententry");
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? rs.getLong(1) : -1;
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException("could not measure " + schema, e);
                    }
                }

                @Override
                public void close() {
                    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            };
        }

        @Override
        public void quiesce() {
            execute("CHECKPOINT");
        }

        private void execute(String sql) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
