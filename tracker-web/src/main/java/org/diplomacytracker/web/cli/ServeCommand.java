package org.diplomacytracker.web.cli;

import io.vertx.core.Vertx;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.process.Recording;
import org.diplomacytracker.core.transfer.NdjsonBatch;
import org.diplomacytracker.core.transfer.NdjsonReader;
import org.diplomacytracker.web.ServerOptions;
import org.diplomacytracker.web.Tokens;
import org.diplomacytracker.web.TrackerServer;
import org.diplomacytracker.web.live.LiveOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: start the tracker's HTTP API on a store, optionally seeding the demo data set. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the tracker's HTTP server.")
public final class ServeCommand implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    /** The demo data set shipped in the jar: the developments of the seed news report. */
    public static final String DEMO_RESOURCE = "/demo/ru-ua.ndjson";

    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--demo", description = "Record the demo data set when the store is empty.")
    boolean demo;

    @Option(names = "--body-limit", defaultValue = "8388608", paramLabel = "BYTES",
            description = "Largest request body accepted, once decompressed; 1 to 1073741824 "
                    + "(default: ${DEFAULT-VALUE} = 8 MiB).")
    long bodyLimit;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "A page origin allowed to open live connections, e.g. https://news.example (repeatable; "
                    + "'*' for any). Default: the server's own origin only.")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(names = "--live-buffer", defaultValue = "1000", paramLabel = "N",
            description = "Recent changes kept per process for live clients that resume (default: ${DEFAULT-VALUE}).")
    int liveBuffer;

    @Option(names = "--event-loops", defaultValue = "0", paramLabel = "N",
            description = "Event loops that serve HTTP and websockets, sharing one tracker and one live feed; "
                    + "0 = one per available processor (default: ${DEFAULT-VALUE}).")
    int eventLoops;

    @Override
    public void run() {
        if (port < 0 || port > 65535) {
            throw new CliException("--port must be between 0 and 65535, got " + port);
        }
        if (bodyLimit < 1 || bodyLimit > ServerOptions.MAX_BODY_LIMIT) {
            throw new CliException("--body-limit must be from 1 to " + ServerOptions.MAX_BODY_LIMIT
                    + " bytes (1 GiB), got " + bodyLimit);
        }
        Tokens tokens = Tokens.parse(System.getenv("TRACKER_TOKENS"));
        if (liveBuffer < 1) {
            throw new CliException("--live-buffer must be at least 1, got " + liveBuffer);
        }
        if (eventLoops < 0) {
            throw new CliException("--event-loops must be 0 (one per processor) or more, got " + eventLoops);
        }
        Tracker tracker = Tracker.start(TrackerOptions.defaults(store.settings()).withLiveBuffer(liveBuffer));
        Vertx vertx = null;
        try {
            if (demo) {
                seedDemo(tracker);
            }
            vertx = Vertx.vertx();
            TrackerServer server = new TrackerServer(tracker, new ServerOptions(host, port, bodyLimit, tokens,
                    LiveOptions.defaults().withAllowedOrigins(allowedOrigins), eventLoops));
            vertx.deployVerticle(server).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            if (!tokens.enabled()) {
                log.warn("TRACKER_TOKENS is not set: anyone who can reach {} may record developments", host);
            }
            System.out.println("listening on http://" + host + ":" + server.actualPort());
            System.out.flush();
        } catch (Exception e) {
            closeQuietly(vertx, tracker);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CliException("could not start the server on " + host + ":" + port + ": " + cause.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Vertx running = vertx;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            closeQuietly(running, tracker);
            stopped.countDown();
        }, "tracker-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Vertx vertx, Tracker tracker) {
        try {
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.warn("the HTTP server did not close cleanly", e);
        }
        tracker.close();
    }

    /** Records the demo data set into an empty store; a store with anything in it is left alone. */
    static void seedDemo(Tracker tracker) {
        if (tracker.database().headOffset() > 0) {
            log.info("the store is not empty: the demo data set is not recorded again");
            return;
        }
        try (InputStream in = ServeCommand.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo data set is missing from the jar");
            }
            NdjsonBatch batch = new NdjsonReader(in).next(Integer.MAX_VALUE);
            Recording recording = tracker.record(batch.developments()).join();
            log.info("recorded the demo data set: {} developments", recording.accepted());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not read the demo data set", e);
        }
    }
}
