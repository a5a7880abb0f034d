package org.diplomacytracker.web.testing;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.core.TrackerConfiguration;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.web.ServerOptions;
import org.diplomacytracker.web.Tokens;
import org.diplomacytracker.web.TrackerServer;

/**
 * A tracker and its HTTP server running in this JVM on a free port, as {@code serve} starts them.
 * {@link #restart()} stops both and starts them again on the same store (the port may change).
 */
public final class RunningTracker implements AutoCloseable {

    private final TrackerOptions options;
    private final Tokens tokens;
    private Tracker tracker;
    private Vertx vertx;
    private int port;

    private RunningTracker(TrackerOptions options, Tokens tokens) {
        this.options = options;
        this.tokens = tokens;
    }

    public static RunningTracker start(StoreSettings store) {
        return start(store, Tokens.none());
    }

    /** A tracker on the embedded store in {@code data}, with the demo data set posted over HTTP. */
    public static RunningTracker withDemo(java.nio.file.Path data) {
        RunningTracker running = start(StoreSettings.embedded(data));
        int status = running.api().postNdjson(DemoData.ndjson()).status();
        if (status != 201) {
            running.close();
            throw new IllegalStateException("the demo data set was answered " + status);
        }
        return running;
    }

    public static RunningTracker start(StoreSettings store, Tokens tokens) {
        TrackerConfiguration.disableTelemetry();
        RunningTracker running = new RunningTracker(TrackerOptions.defaults(store), tokens);
        running.boot();
        return running;
    }

    private void boot() {
        tracker = Tracker.start(options);
        try {
            vertx = Vertx.vertx();
            TrackerServer server = new TrackerServer(tracker,
                    new ServerOptions("127.0.0.1", 0, ServerOptions.DEFAULT_BODY_LIMIT, tokens));
            vertx.deployVerticle(server).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            port = server.actualPort();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("the server did not start", e);
        }
    }

    /** Stops the server and the tracker, then starts both again on the same store. */
    public void restart() {
        stop();
        boot();
    }

    /** A client without a token. */
    public Api api() {
        return Api.at(port);
    }

    public Api api(String token) {
        return Api.at(port).withToken(token);
    }

    public int port() {
        return port;
    }

    /** The highest global offset in the event store itself, read from the database. */
    public long headOffset() {
        return tracker.database().headOffset();
    }

    private void stop() {
        try {
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop", e);
        } finally {
            vertx = null;
            if (tracker != null) {
                tracker.close();
                tracker = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
