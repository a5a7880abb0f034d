package org.diplomacytracker.core.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-node wake-ups on PostgreSQL: every append is followed by a {@code NOTIFY} (delivered at its
 * commit), and each node LISTENs on a connection of its own and wakes its event store, so another
 * node's development reaches local views in milliseconds rather than at the next poll — and an idle
 * store costs a blocked read, not queries.
 */
public final class AppendNotifier implements AutoCloseable {

    static final String CHANNEL = "tracker_appended";
    private static final Logger log = LoggerFactory.getLogger(AppendNotifier.class);

    private final StoreSettings settings;
    private final Runnable onAppend;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection connection;

    public AppendNotifier(StoreSettings settings, Runnable onAppend) {
        this.settings = settings;
        this.onAppend = onAppend;
        this.listener = new Thread(this::listen, "tracker-pg-listen");
        this.listener.setDaemon(true);
        this.listener.start();
    }

    /** Sends the notification inside the caller's transaction: it is delivered when that commits. */
    public static void notifyAppended(Connection transaction) throws SQLException {
        try (Statement s = transaction.createStatement()) {
            s.execute("NOTIFY " + CHANNEL);
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = open()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(1_000);
                    if (notes != null && notes.length > 0) {
                        onAppend.run();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("lost the PostgreSQL notification connection ({}); polling until it is back",
                            e.getMessage());
                    sleep();
                }
            }
        }
    }

    private Connection open() throws SQLException {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        return DriverManager.getConnection(settings.jdbcUrl(), props);
    }

    private static void sleep() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing is all that is left to do
            }
        }
        listener.interrupt();
    }
}
