package org.diplomacytracker.core.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
 * store costs a blocked read, not queries. Each notification names the node that sent it, and a node
 * is not woken by its own: it tells its read models' stream of its commits itself, with what they
 * wrote, and a wake-up racing that would have the stream read them back instead.
 */
public final class AppendNotifier implements AutoCloseable {

    static final String CHANNEL = "tracker_appended";
    private static final Logger log = LoggerFactory.getLogger(AppendNotifier.class);

    private final StoreSettings settings;
    private final String node;
    private final Runnable onAppend;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection connection;

    /** Listens for other nodes' appends than {@code node}'s, and runs {@code onAppend} for them. */
    public AppendNotifier(StoreSettings settings, String node, Runnable onAppend) {
        this.settings = settings;
        this.node = node;
        this.onAppend = onAppend;
        this.listener = new Thread(this::listen, "tracker-pg-listen");
        this.listener.setDaemon(true);
        this.listener.start();
    }

    /**
     * Sends the notification, naming {@code node}, inside the caller's transaction: it is delivered
     * when that commits.
     */
    public static void notifyAppended(Connection transaction, String node) throws SQLException {
        try (PreparedStatement s = transaction.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            s.setString(1, node);
            s.execute();
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
                    if (notes != null && fromOthers(notes)) {
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

    private boolean fromOthers(PGNotification[] notes) {
        for (PGNotification note : notes) {
            if (!node.equals(note.getParameter())) {
                return true;
            }
        }
        return false;
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
