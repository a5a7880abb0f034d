package org.diplomacytracker.web.cli;

import java.nio.file.Path;
import org.diplomacytracker.core.store.StoreSettings;
import picocli.CommandLine.Option;

/** Where the event store is: {@code --data DIR} (embedded H2, the default) or {@code --db URL}. */
public final class StoreOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
            description = "Folder of the embedded event store (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC-URL",
            description = "PostgreSQL instead of the embedded store, e.g. jdbc:postgresql://127.0.0.1:5432/tracker")
    String db;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:TRACKER_DB_USER}",
            description = "Database user (default: $TRACKER_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:TRACKER_DB_PASSWORD}",
            description = "Database password (default: $TRACKER_DB_PASSWORD).")
    String dbPassword;

    /**
     * The store, which must exist already: reading from a mistyped folder would otherwise create an
     * empty store there and report nothing in it.
     */
    public StoreSettings existing() {
        if (db == null && !java.nio.file.Files.isRegularFile(data.resolve("tracker.mv.db"))) {
            throw new CliException("no event store in " + data + " (give the folder a tracker has recorded into "
                    + "with --data, or a database with --db)");
        }
        return settings();
    }

    public StoreSettings settings() {
        if (db == null) {
            return StoreSettings.embedded(data);
        }
        return StoreSettings.jdbc(db, dbUser, dbPassword);
    }
}
