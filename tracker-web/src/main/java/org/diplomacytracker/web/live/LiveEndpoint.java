package org.diplomacytracker.web.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.diplomacytracker.web.api.Problem;

/**
 * {@code GET /api/live}: checks the page's {@code Origin}, upgrades to a websocket, reads the
 * client's requests ({@code subscribe}, {@code unsubscribe}, {@code ping}) and hands them to the
 * hub. A request it cannot read gets an {@code error} message and the connection stays open. Pings
 * the client and closes it when it goes silent or cannot keep up.
 */
public final class LiveEndpoint {

    /** The keepalive ping's payload; frames take their own view of it, so one buffer serves every socket. */
    private static final Buffer PING = Buffer.buffer("keepalive");
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Vertx vertx;
    private final LiveHub hub;
    private final LiveOptions options;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();

    private final long keepaliveTimer;

    /**
     * An endpoint for the connections of one event loop: build it on that loop (a verticle's start),
     * which runs its one keepalive timer for all of them. Several endpoints may share one hub.
     */
    public LiveEndpoint(Vertx vertx, LiveHub hub, LiveOptions options) {
        this.vertx = vertx;
        this.hub = hub;
        this.options = options;
        // Ticks often, and each connection is pinged at its own phase (see accept), so that a loop's
        // pings go out a few at a time rather than all at once — a burst of thousands of pings would
        // hold up the updates queued behind it.
        long period = Math.max(100, Math.min(options.pingInterval().toMillis() / 4, 1_000));
        this.keepaliveTimer = vertx.setPeriodic(period, id -> {
            for (LiveConnection connection : connections) {
                keepAlive(connection);
            }
        });
    }

    public void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (!originAllowed(origin, ctx.request().getHeader("Host"))) {
            Problem.of(403, "origin-not-allowed", "Origin not allowed", "pages from this origin may not "
                    + "open live connections; the server's allow-list decides").send(ctx.response());
            return;
        }
        ctx.request().toWebSocket().onSuccess(this::accept).onFailure(e ->
                Problem.of(400, "not-a-websocket", "Not a websocket request",
                        "GET /api/live expects a websocket upgrade").send(ctx.response()));
    }

    private boolean originAllowed(String origin, String host) {
        if (origin == null) {
            return true; // not a browser page: no cross-site risk
        }
        if (options.allowedOrigins().contains("*") || options.allowedOrigins().contains(origin)) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return options.allowedOrigins().isEmpty() && host != null && host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void accept(ServerWebSocket socket) {
        LiveConnection connection = new LiveConnection(socket,
                ((ContextInternal) vertx.getOrCreateContext()).unwrap(), options.maxFrameBytes());
        // its own phase in the ping cycle: the first ping within one interval of connecting, then one per interval
        connection.lastPing = Instant.now().minusMillis(
                ThreadLocalRandom.current().nextLong(Math.max(1, options.pingInterval().toMillis())));
        connections.add(connection);
        socket.setWriteQueueMaxSize(256 * 1024);
        socket.textMessageHandler(text -> {
            connection.lastSeen = Instant.now();
            onRequest(connection, text);
        });
        socket.binaryMessageHandler(b -> connection.sendNow(Messages.error(null, "send requests as text frames")));
        socket.pongHandler(p -> connection.lastSeen = Instant.now());
        socket.closeHandler(v -> {
            connections.remove(connection);
            hub.closed(connection);
        });
        socket.exceptionHandler(e -> {
            // Netty refuses an oversize frame; Vert.x an oversize message made of smaller fragments
            boolean tooBig = e instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException
                    || e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("max message size");
            if (tooBig) {
                socket.close(CloseCodes.TOO_BIG, "message too large: at most " + options.maxFrameBytes() + " bytes");
            } else {
                socket.close();
            }
        });
    }

    private void keepAlive(LiveConnection connection) {
        if (connection.socket.isClosed()) {
            return;
        }
        Instant now = Instant.now();
        Instant lagging = connection.laggingSince;
        if (lagging != null && Duration.between(lagging, now).compareTo(options.slowClientLimit()) > 0) {
            connection.socket.close(CloseCodes.TOO_SLOW, "too slow: could not keep up with updates");
            return;
        }
        if (Duration.between(connection.lastSeen, now).compareTo(options.idleTimeout()) > 0) {
            connection.socket.close(CloseCodes.IDLE, "idle: no message or pong for "
                    + options.idleTimeout().toSeconds() + " s");
            return;
        }
        if (Duration.between(connection.lastPing, now).compareTo(options.pingInterval()) >= 0) {
            connection.lastPing = now;
            connection.socket.writePing(PING);
        }
    }

    private void onRequest(LiveConnection connection, String text) {
        JsonNode request;
        try {
            request = mapper.readTree(text);
        } catch (Exception e) {
            connection.sendNow(Messages.error(null, "malformed JSON: send one JSON object per message"));
            return;
        }
        if (request == null || !request.isObject()) {
            connection.sendNow(Messages.error(null, "a request must be a JSON object with an \"op\""));
            return;
        }
        String id = request.hasNonNull("id") ? request.get("id").asText() : null;
        String op = request.path("op").asText("");
        try {
            switch (op) {
                case "subscribe" -> subscribe(connection, request, id);
                case "unsubscribe" -> {
                    if (id == null) {
                        throw new BadRequest("unsubscribe needs the \"id\" of the subscription");
                    }
                    hub.unsubscribe(connection, id);
                }
                case "ping" -> connection.sendNow(Messages.pong());
                default -> throw new BadRequest(op.isEmpty() ? "a request needs an \"op\": subscribe, unsubscribe "
                        + "or ping" : "unknown op '" + shorten(op) + "': use subscribe, unsubscribe or ping");
            }
        } catch (BadRequest e) {
            connection.sendNow(Messages.error(id, e.getMessage()));
        }
    }

    private void subscribe(LiveConnection connection, JsonNode request, String id) {
        if (request.has("id") && (!request.get("id").isTextual() || id.isEmpty() || id.length() > 128)) {
            throw new BadRequest("id must be a string of 1 to 128 characters");
        }
        for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of("op", "id", "process", "asOf", "knownAt", "since").contains(field)) {
                throw new BadRequest("unknown field '" + shorten(field) + "' in subscribe");
            }
        }
        JsonNode process = request.get("process");
        if (process == null || !process.isTextual() || !SLUG.matcher(process.asText()).matches()) {
            throw new BadRequest("process must be a process id");
        }
        LocalDate asOf = null;
        JsonNode asOfNode = request.get("asOf");
        if (asOfNode != null && !asOfNode.isNull() && !"live".equals(asOfNode.asText())) {
            try {
                asOf = LocalDate.parse(asOfNode.asText());
            } catch (DateTimeParseException e) {
                throw new BadRequest("asOf must be \"live\" or an ISO date like 2024-11-27, got '"
                        + shorten(asOfNode.asText()) + "'");
            }
        }
        Instant knownAt = null;
        JsonNode knownNode = request.get("knownAt");
        if (knownNode != null && !knownNode.isNull()) {
            knownAt = knownAt(knownNode.asText());
        }
        Long since = null;
        JsonNode sinceNode = request.get("since");
        if (sinceNode != null && !sinceNode.isNull()) {
            if (!sinceNode.canConvertToLong() || !sinceNode.isIntegralNumber() || sinceNode.asLong() < 0) {
                throw new BadRequest("since must be an offset: a whole number of 0 or more");
            }
            since = sinceNode.asLong();
        }
        hub.subscribe(connection, new LiveConnection.Subscription(id, new ViewKey(process.asText(), asOf, knownAt)),
                since);
    }

    private static Instant knownAt(String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequest("knownAt must be an ISO instant like 2024-11-20T12:00:00Z or a date, got '"
                    + shorten(value) + "'");
        }
    }

    private static String shorten(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 37) + "...";
    }

    /** Closes every live connection: the server is going away, clients reconnect with {@code since}. */
    public void closeAll() {
        vertx.cancelTimer(keepaliveTimer);
        for (LiveConnection c : connections) {
            c.socket.close(CloseCodes.GOING_AWAY, "server shutting down; reconnect with since");
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
