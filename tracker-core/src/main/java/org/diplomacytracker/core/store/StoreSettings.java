package org.diplomacytracker.core.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the event store lives: an embedded H2 file in a folder (the default), or a PostgreSQL
 * database reached by a JDBC URL.
 */
public record StoreSettings(String jdbcUrl, String user, String password, Dialect dialect, Path dataDir) {

    /** The databases the tracker knows how to create its tables in. */
    public enum Dialect { H2, POSTGRESQL }

    public StoreSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(dialect, "dialect");
    }

    /** The embedded store: an H2 database file {@code tracker.mv.db} inside {@code dataDir}. */
    public static StoreSettings embedded(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        // DB_CLOSE_ON_EXIT=FALSE: the tracker closes the pool itself on shutdown, after the last write.
        String url = "jdbc:h2:file:" + dir.resolve("tracker") + ";DB_CLOSE_ON_EXIT=FALSE";
        return new StoreSettings(url, "tracker", "", Dialect.H2, dir);
    }

    /** A server database given by its JDBC URL; only PostgreSQL is supported. */
    public static StoreSettings jdbc(String url, String user, String password) {
        if (url.startsWith("jdbc:postgresql:")) {
            return new StoreSettings(url, user, password, Dialect.POSTGRESQL, null);
        }
        if (url.startsWith("jdbc:h2:")) {
            return new StoreSettings(url, user == null ? "tracker" : user, password == null ? "" : password,
                    Dialect.H2, null);
        }
        throw new IllegalArgumentException("unsupported database URL '" + url
                + "': use jdbc:postgresql://host:port/database (or leave --db out for the embedded store)");
    }

    /** The URL without credentials, for log lines. */
    public String describe() {
        int q = jdbcUrl.indexOf('?');
        String bare = q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
        int semi = bare.indexOf(';');
        return semi < 0 ? bare : bare.substring(0, semi);
    }
}
