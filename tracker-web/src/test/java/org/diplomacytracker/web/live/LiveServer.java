package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.web.ServerOptions;
import org.diplomacytracker.web.Tokens;
import org.diplomacytracker.web.TrackerServer;

/**
 * A real tracker behind a real server on a free port, as a test drives it: records developments over
 * HTTP, reads the REST state, and opens websocket clients (its own Vert.x instance, so clients and
 * server share no event loop). Stops the web server alone ({@link #stopServer}) to let a test record
 * while nobody listens, or everything ({@link #close}).
 */
final class LiveServer implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private final Tracker tracker;
    private final Vertx vertx;
    private final Vertx clientVertx;
    private final WebSocketClient webSockets;
    private final String analystToken;
    private final int port;
    private String deployment;

    /** What the server answered to one recorded development. */
    record Posted(String id, long offset, Instant recordedAt) {
    }

    private LiveServer(Tracker tracker, Vertx vertx, String deployment, int port, String analystToken) {
        this.tracker = tracker;
        this.vertx = vertx;
        this.deployment = deployment;
        this.port = port;
        this.analystToken = analystToken;
        this.clientVertx = Vertx.vertx();
        // Vert.x allows 50 websockets per endpoint by default; the load scenarios open 1,000
        this.webSockets = clientVertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(2_000)
                .setMaxFrameSize(1024 * 1024)
                .setMaxMessageSize(16 * 1024 * 1024));
    }

    /** The embedded store in {@code dir}, default options, no tokens. */
    static LiveServer embedded(Path dir) {
        return start(TrackerOptions.defaults(StoreSettings.embedded(dir)), Tokens.none(), null, LiveOptions.defaults());
    }

    static LiveServer embedded(Path dir, LiveOptions live) {
        return start(TrackerOptions.defaults(StoreSettings.embedded(dir)), Tokens.none(), null, live);
    }

    /** The embedded store in {@code dir}, serving on {@code eventLoops} event loops. */
    static LiveServer embedded(Path dir, int eventLoops) {
        return start(TrackerOptions.defaults(StoreSettings.embedded(dir)), Tokens.none(), null, LiveOptions.defaults(),
                eventLoops);
    }

    static LiveServer start(TrackerOptions options) {
        return start(options, Tokens.none(), null, LiveOptions.defaults());
    }

    /** A server with the given tokens; {@code analystToken} is the one this fixture records with. */
    static LiveServer start(TrackerOptions options, Tokens tokens, String analystToken, LiveOptions live) {
        return start(options, tokens, analystToken, live, 0);
    }

    /** As above, on {@code eventLoops} event loops (0: one per processor, the server's default). */
    static LiveServer start(TrackerOptions options, Tokens tokens, String analystToken, LiveOptions live,
                            int eventLoops) {
        Tracker tracker = Tracker.start(options);
        Vertx vertx = Vertx.vertx();
        try {
            TrackerServer server = new TrackerServer(tracker, new ServerOptions("127.0.0.1", 0,
                    ServerOptions.DEFAULT_BODY_LIMIT, tokens, live, eventLoops));
            String deployment = await(vertx.deployVerticle(server));
            return new LiveServer(tracker, vertx, deployment, server.actualPort(), analystToken);
        } catch (RuntimeException | Error e) {
            vertx.close();
            tracker.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    Tracker tracker() {
        return tracker;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Upgrade options for {@code /api/live} on this server; tests add headers or change the URI. */
    WebSocketConnectOptions upgrade() {
        return upgrade("/api/live");
    }

    WebSocketConnectOptions upgrade(String uri) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri)
                .setTimeout(WAIT.toMillis());
    }

    /** A websocket on {@code /api/live}, as a browser on the server's own page would open it. */
    LiveClient connect() {
        return connect(upgrade());
    }

    LiveClient connect(WebSocketConnectOptions options) {
        return await(LiveClient.open(webSockets, options));
    }

    /** Starts an upgrade without waiting: for opening many connections at once. */
    Future<LiveClient> open(WebSocketConnectOptions options) {
        return LiveClient.open(webSockets, options);
    }

    /** The HTTP status that refused the upgrade; fails when the upgrade succeeds. */
    int refusedUpgrade(WebSocketConnectOptions options) {
        try {
            LiveClient accepted = await(LiveClient.open(webSockets, options));
            accepted.close();
            throw new AssertionError("the upgrade to " + options.getURI() + " was accepted; expected a refusal");
        } catch (UpgradeRejectedException e) {
            return e.getStatus();
        }
    }

    /** Records one development over HTTP; the answer comes once its state can be read. */
    Posted post(String developmentJson) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + "/api/developments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(developmentJson)));
        assertThat(response.statusCode()).as("POST %s answered %s", developmentJson, response.body())
                .isEqualTo(201);
        JsonNode body = LiveClient.parse(response.body());
        return new Posted(body.get("id").asText(), body.get("offset").asLong(),
                Instant.parse(body.get("recordedAt").asText()));
    }

    /** Records developments one by one, in order. */
    List<Posted> postEach(List<String> developments) {
        return developments.stream().map(this::post).toList();
    }

    /** Records a batch atomically (NDJSON); answers its last offset. */
    long postBatch(List<String> developments) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + "/api/developments"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", developments) + "\n")));
        assertThat(response.statusCode()).as("batch answered %s", response.body()).isEqualTo(201);
        return LiveClient.parse(response.body()).get("lastOffset").asLong();
    }

    /** {@code GET /api/processes/{process}/state?{query}} (query may be empty). */
    JsonNode state(String process, String query) {
        return LiveClient.parse(stateText(process, query));
    }

    /** The REST state as the server wrote it. */
    String stateText(String process, String query) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + "/api/processes/" + process
                + "/state" + (query.isEmpty() ? "" : "?" + query))).GET());
        assertThat(response.statusCode()).as("GET state answered %s", response.body()).isEqualTo(200);
        return response.body();
    }

    JsonNode state(String process) {
        return state(process, "");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (analystToken != null) {
            request.header("Authorization", "Bearer " + analystToken);
        }
        try {
            return HTTP.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("HTTP request to the tracker failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops the web server (live connections are closed as the server goes away); the tracker keeps running. */
    void stopServer() {
        if (deployment != null) {
            await(vertx.undeploy(deployment));
            deployment = null;
        }
    }

    @Override
    public void close() {
        try {
            stopServer();
        } finally {
            try {
                await(clientVertx.close());
                await(vertx.close());
            } finally {
                tracker.close();
            }
        }
    }

    /** Waits for a Vert.x future, at most {@link #WAIT}; its failure is rethrown as is when unchecked. */
    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
