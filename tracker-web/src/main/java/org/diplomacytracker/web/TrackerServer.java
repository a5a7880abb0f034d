package org.diplomacytracker.web;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.web.api.AllowedMethods;
import org.diplomacytracker.web.api.DevelopmentRoutes;
import org.diplomacytracker.web.api.Problem;
import org.diplomacytracker.web.api.ReadRoutes;
import org.diplomacytracker.web.api.RequestTarget;
import org.diplomacytracker.web.api.StateRoutes;
import org.diplomacytracker.web.dashboard.DashboardRoutes;
import org.diplomacytracker.web.live.LiveEndpoint;
import org.diplomacytracker.web.live.LiveHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: routes (the API under {@code /api}, the dashboard at {@code /}), authentication,
 * and the errors of the transport itself (a malformed request, 404, 405 with its {@code Allow}, 413,
 * a plain GET of the websocket) as problems. Holds no state beyond its servers; the core does the work.
 *
 * <p>Deploying it deploys {@link ServerOptions#effectiveEventLoops()} instances of one listener on
 * the same address: Vert.x shares the port among them and spreads the connections (HTTP and
 * websocket) over their event loops. They share one tracker and one live hub, so every websocket,
 * whichever loop serves it, follows the same change feed in the same order. Undeploying it
 * undeploys them.
 */
public final class TrackerServer extends VerticleBase {

    private static final Logger log = LoggerFactory.getLogger(TrackerServer.class);

    /** Port 0 asks for any free port; shared listeners ask for it with a negative port unique to this server. */
    private static final AtomicInteger ANY_PORT_KEYS = new AtomicInteger();

    private final Tracker tracker;
    private final ServerOptions options;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private LiveHub hub;

    public TrackerServer(Tracker tracker, ServerOptions options) {
        this.tracker = tracker;
        this.options = options;
    }

    @Override
    public Future<?> start() {
        hub = new LiveHub(tracker.feed(), tracker.state(), StateRoutes.MAPPER, options.live());
        int port = options.port() == 0 ? -1 - ANY_PORT_KEYS.getAndIncrement() % 1_000_000 : options.port();
        return vertx.deployVerticle(() -> new Listener(port),
                new DeploymentOptions().setInstances(options.effectiveEventLoops()));
    }

    /** The port actually bound (useful with port 0). */
    public int actualPort() {
        return listeners.get(0).server.actualPort();
    }

    /** One instance of the HTTP server, on its own event loop; the live hub is shared. */
    private final class Listener extends VerticleBase {

        private final int port;
        private HttpServer server;
        private LiveEndpoint live;

        Listener(int port) {
            this.port = port;
        }

        @Override
        public Future<?> start() {
            Router router = Router.router(vertx);
            router.route("/api/*").handler(TrackerServer.this::authenticate);
            new DevelopmentRoutes(vertx, tracker, options.bodyLimit()).mount(router, TrackerServer.this::requireAnalyst);
            new ReadRoutes(tracker.catalogue()).mount(router);
            new StateRoutes(tracker.state()).mount(router);
            live = new LiveEndpoint(vertx, hub, options.live());
            router.route("/api/live").method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(TrackerServer::requireWebSocketUpgrade)
                    .handler(live::handle);
            new DashboardRoutes().mount(router);
            router.errorHandler(404, ctx -> Problem.of(404, "not-found", "Not found",
                    "no resource at " + ReadRoutesPaths.safe(ctx.request().path())).send(ctx.response()));
            router.errorHandler(405, ctx -> {
                String allow = AllowedMethods.at(router, ctx.normalizedPath());
                ctx.response().putHeader("Allow", allow);
                Problem.of(405, "method-not-allowed", "Method not allowed", ctx.request().method()
                        + " is not allowed on " + ReadRoutesPaths.safe(ctx.request().path())
                        + (allow.isEmpty() ? "" : "; allowed: " + allow)).send(ctx.response());
            });
            // what the router itself refuses before any route runs (no Host header, an Expect it cannot meet)
            router.errorHandler(400, ctx -> {
                log.debug("bad request refused by the router: {}", ctx.request().uri(), ctx.failure());
                Problem.of(400, "bad-request", "Bad request", "the request could not be routed: it is not "
                        + "well-formed HTTP (an HTTP/1.1 request needs a Host header)").send(ctx.response());
            });
            router.errorHandler(417, ctx -> Problem.of(417, "expectation-failed", "Expectation failed",
                    "the only Expect the tracker meets is 100-continue").send(ctx.response()));
            router.errorHandler(413, ctx -> {
                // the body was not read: close the connection rather than drain an oversize upload
                ctx.response().putHeader("Connection", "close");
                ctx.response().endHandler(v -> ctx.request().connection().close());
                Problem.of(413, "body-too-large", "Body too large", "the body exceeds the limit of "
                        + options.bodyLimit() + " bytes; split the batch into smaller ones").send(ctx.response());
            });
            router.errorHandler(500, ctx -> {
                if (ctx.failure() != null) {
                    log.error("request failed", ctx.failure());
                }
                Problem.of(500, "internal-error", "Internal error",
                        "the tracker failed to handle this request; the server log has the details")
                        .send(ctx.response());
            });
            HttpServerOptions serverOptions = new HttpServerOptions()
                    .setHost(options.host())
                    .setPort(port)
                    .setCompressionSupported(true)
                    .setMaxInitialLineLength(8192)
                    .setMaxWebSocketFrameSize(options.live().maxFrameBytes())
                    .setMaxWebSocketMessageSize(options.live().maxFrameBytes());
            return vertx.createHttpServer(serverOptions)
                    .invalidRequestHandler(request -> invalidRequest(request, serverOptions))
                    .requestHandler(request -> RequestTarget.malformed(request).ifPresentOrElse(problem -> {
                        // a client's typo, refused before the router would fail to decode it
                        log.debug("malformed request target refused: {}", request.uri());
                        problem.send(request.response());
                    }, () -> router.handle(request)))
                    .listen()
                    .onSuccess(s -> {
                        server = s;
                        listeners.add(this);
                    });
        }

        @Override
        public Future<?> stop() {
            listeners.remove(this);
            if (live != null) {
                live.closeAll();
            }
            return server == null ? Future.succeededFuture() : server.close();
        }
    }

    private void authenticate(RoutingContext ctx) {
        Tokens tokens = options.tokens();
        if (!tokens.enabled()) {
            ctx.put("role", Tokens.Role.ANALYST);
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        String bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : null;
        // a browser cannot set headers on a websocket: the live endpoint also takes ?access_token=
        String presented = bearer == null && ctx.request().path().equals("/api/live")
                ? ctx.request().getParam("access_token") : bearer;
        tokens.roleOf(presented).ifPresentOrElse(role -> {
            ctx.put("role", role);
            ctx.next();
        }, () -> {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"diplomacy-tracker\"");
            Problem.of(401, "unauthorized", "Unauthorized", presented == null
                    ? "send a bearer token in the Authorization header"
                    : "the bearer token is not valid").send(ctx.response());
        });
    }

    /**
     * What the HTTP decoder refused before any handler could see it — a request line or headers over
     * the server's limits, or bytes that are not HTTP — as a problem, as Vert.x's own handler would
     * answer it bare; the connection is then closed, since the rest of the request was not read.
     */
    private static void invalidRequest(io.vertx.core.http.HttpServerRequest request, HttpServerOptions limits) {
        Throwable cause = request.decoderResult().cause();
        Problem problem;
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
            problem = Problem.of(414, "uri-too-long", "URI too long", "the request line is longer than the "
                    + "server takes (" + limits.getMaxInitialLineLength() + " bytes); put "
                    + "fewer or shorter parameters in the address");
        } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
            problem = Problem.of(431, "headers-too-large", "Request headers too large", "the request's headers "
                    + "are larger than the server takes (" + limits.getMaxHeaderSize() + " bytes)");
        } else {
            problem = Problem.of(400, "bad-request", "Bad request", "the request is not well-formed HTTP/1.1");
        }
        log.debug("request refused by the HTTP decoder", cause);
        request.response().putHeader("Connection", "close");
        problem.send(request.response());
        request.connection().close(); // after what was written, as Vert.x's own handler does
    }

    /** A plain GET of the live endpoint is told to upgrade, before Vert.x answers it in plain text. */
    private static void requireWebSocketUpgrade(RoutingContext ctx) {
        if (!ctx.request().canUpgradeToWebSocket()) {
            ctx.response().putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade");
            Problem.of(426, "websocket-upgrade-required", "Upgrade required", "/api/live speaks the live "
                    + "protocol over a websocket: open it with a websocket client (Connection: Upgrade, "
                    + "Upgrade: websocket)").send(ctx.response());
            return;
        }
        ctx.next();
    }

    private void requireAnalyst(RoutingContext ctx) {
        if (ctx.get("role") != Tokens.Role.ANALYST) {
            Problem.of(403, "forbidden", "Forbidden", "recording developments needs an analyst's token")
                    .send(ctx.response());
            return;
        }
        ctx.next();
    }

    /** Paths quoted back in messages are cut and stripped of control characters. */
    private static final class ReadRoutesPaths {
        static String safe(String path) {
            String clean = path == null ? "" : path.replaceAll("\\p{Cntrl}", "?");
            return clean.length() <= 80 ? clean : clean.substring(0, 77) + "...";
        }
    }
}
