package org.diplomacytracker.web.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A dashboard's websocket on {@code /api/live}, as a test drives it: a real Vert.x client that keeps
 * every message the server sends, in order, with the moment it arrived. Every wait is bounded
 * ({@link #WAIT}); nothing sleeps and nothing retries. Answers the server's pings (Vert.x does so by
 * itself), as a browser does.
 */
final class LiveClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger FENCES = new AtomicInteger();

    /** A message as it arrived: its text, its JSON and {@link System#nanoTime()} when the client got it. */
    record Received(String text, JsonNode message, long nanos) {
    }

    /** How the server closed the connection. */
    record Closed(Short code, String reason) {
    }

    private final WebSocket socket;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    /** The last messages taken, to say what came instead when an expectation fails. */
    private final Deque<JsonNode> recent = new ArrayDeque<>();

    /** The extensions the server accepted in its upgrade answer (e.g. permessage-deflate), or null. */
    private final String extensions;

    private LiveClient(WebSocket socket) {
        this.socket = socket;
        this.extensions = socket.headers() == null ? null : socket.headers().get("sec-websocket-extensions");
        // registered on the connection's event loop, before it delivers anything
        socket.textMessageHandler(text -> inbox.add(new Received(text, parse(text), System.nanoTime())));
        socket.closeHandler(v -> closed.complete(new Closed(socket.closeStatusCode(), socket.closeReason())));
    }

    static Future<LiveClient> open(WebSocketClient client, WebSocketConnectOptions options) {
        return client.connect(options).map(LiveClient::new);
    }

    String extensions() {
        return extensions;
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            ObjectNode unreadable = JSON.createObjectNode();
            unreadable.put("type", "<not JSON>");
            unreadable.put("text", text);
            return unreadable;
        }
    }

    /** {@code {"op":"subscribe","process":…}}, to complete with {@code put("id", …)}, {@code put("asOf", …)}… */
    static ObjectNode subscribe(String process) {
        ObjectNode request = JSON.createObjectNode();
        request.put("op", "subscribe");
        request.put("process", process);
        return request;
    }

    static ObjectNode subscribe(String process, String id, String asOf) {
        ObjectNode request = subscribe(process);
        if (id != null) {
            request.put("id", id);
        }
        request.put("asOf", asOf);
        return request;
    }

    void send(JsonNode request) {
        send(request.toString());
    }

    void send(String text) {
        LiveServer.await(socket.writeTextMessage(text));
    }

    void sendBinary(byte[] bytes) {
        LiveServer.await(socket.writeBinaryMessage(Buffer.buffer(bytes)));
    }

    /** The next message, waiting at most {@link #WAIT}. */
    JsonNode next() {
        return nextReceived().message();
    }

    Received nextReceived() {
        return nextReceived(WAIT);
    }

    Received nextReceived(Duration wait) {
        Received r;
        try {
            r = inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (r == null) {
            throw new AssertionError("no message within " + wait.toMillis() + " ms"
                    + (closed.isDone() ? " (the server closed the connection: " + closed.join() + ")" : "")
                    + "; the last messages were " + recent);
        }
        recent.addLast(r.message());
        if (recent.size() > 5) {
            recent.removeFirst();
        }
        return r;
    }

    /** The next message, which must be of {@code type}. */
    JsonNode next(String type) {
        JsonNode m = next();
        if (!type.equals(m.path("type").asText())) {
            throw new AssertionError("expected a \"" + type + "\" message, got " + m);
        }
        return m;
    }

    /** The next {@code n} messages. */
    List<JsonNode> next(int n) {
        List<JsonNode> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** Messages up to and including the first that matches; each must come within {@link #WAIT}. */
    List<JsonNode> until(Predicate<JsonNode> last) {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            JsonNode m = next();
            out.add(m);
            if (last.test(m)) {
                return out;
            }
        }
    }

    /**
     * Subscribes to a view that {@code offset}'s development changes, and returns its snapshot — followed,
     * when the snapshot predates that offset, by the updates that bring the view there. (A write is answered
     * once its state can be read; the live feed releases it a moment later.)
     */
    List<JsonNode> subscribeCaughtUp(ObjectNode request, long offset) {
        send(request);
        List<JsonNode> out = new ArrayList<>(List.of(next("snapshot")));
        if (out.get(0).get("offset").asLong() < offset) {
            out.addAll(untilUpdate(request.hasNonNull("id") ? request.get("id").asText() : null, offset));
        }
        return out;
    }

    /** Messages up to and including the update at {@code offset} for the subscription {@code id} (null: none). */
    List<JsonNode> untilUpdate(String id, long offset) {
        return until(m -> "update".equals(m.path("type").asText()) && m.path("offset").asLong() == offset
                && java.util.Objects.equals(id, m.hasNonNull("id") ? m.get("id").asText() : null));
    }

    /**
     * Everything the server had queued for this connection about the developments it has released so far.
     * A subscribe is handled in the server's offset order, after every change released before it, so its
     * snapshot comes after all their updates; the fence subscription is then dropped again. Call it once
     * the last development of interest has reached some view of this server.
     */
    List<JsonNode> fence(String process) {
        String id = "fence-" + FENCES.incrementAndGet();
        send(subscribe(process, id, "live"));
        List<JsonNode> before = until(m -> "snapshot".equals(m.path("type").asText()) && id.equals(m.path("id").asText()));
        before.remove(before.size() - 1);
        send("{\"op\":\"unsubscribe\",\"id\":\"" + id + "\"}");
        JsonNode done = next();
        if (!"unsubscribed".equals(done.path("type").asText())) {
            throw new AssertionError("a fence's unsubscribe answered " + done + " (only \"unsubscribed\" was expected)");
        }
        return before;
    }

    /** True when nothing has arrived that was not taken yet. */
    boolean nothingPending() {
        return inbox.isEmpty();
    }

    /** How the server closed the connection; waits at most {@code wait}. */
    Closed awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the connection was still open after " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.close();
            awaitClose(WAIT);
        }
    }
}
