package org.diplomacytracker.benchmarks.live;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor for the live-views benchmark: a bare Vert.x server (no tracker logic) that accepts
 * websockets at {@code /api/live} and, on each {@code POST /broadcast?size=N}, writes one JSON text
 * message of N characters to every connected socket. The message is encoded once per broadcast into
 * one {@link Buffer} and the same bytes are written to each socket as a text frame, by one task per
 * event loop (the write path the tracker uses).
 * Answers the POST with {@code {"offset":seq,"recordedAt":instant}} so the driver measures it
 * exactly like the tracker. A client's first text message (its subscribe) gets a tiny snapshot.
 *
 * <pre>java -Xmx1g -cp benchmarks.jar:tracker.jar org.diplomacytracker.benchmarks.live.BroadcastFloor PORT [INSTANCES]</pre>
 * Prints {@code listening on http://127.0.0.1:PORT}.
 */
public final class BroadcastFloor {

    static final List<Hub> HUBS = new CopyOnWriteArrayList<>();
    static final AtomicLong SEQ = new AtomicLong();

    private BroadcastFloor() {
    }

    /** One event loop's share of the sockets. */
    static final class Hub extends VerticleBase {
        private final int port;
        final List<ServerWebSocket> sockets = new ArrayList<>();
        Context ctx;

        Hub(int port) {
            this.port = port;
        }

        @Override
        public Future<?> start() {
            ctx = context;
            HUBS.add(this);
            return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                            .setMaxWebSocketFrameSize(65536))
                    .requestHandler(this::handle)
                    .listen();
        }

        private void handle(HttpServerRequest req) {
            if ("/api/live".equals(req.path())) {
                req.toWebSocket().onSuccess(this::accept);
            } else if ("/broadcast".equals(req.path())) {
                int size = Integer.parseInt(req.getParam("size", "300"));
                long seq = SEQ.incrementAndGet();
                Instant now = Instant.now();
                Buffer message = Buffer.buffer(message(seq, size));
                for (Hub hub : HUBS) {
                    hub.ctx.runOnContext(v -> {
                        for (ServerWebSocket s : hub.sockets) {
                            // each frame takes its own slice of the shared bytes, and cannot release them
                            s.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT,
                                    ((BufferInternal) message).getByteBuf(), true));
                        }
                    });
                }
                req.response().putHeader("content-type", "application/json")
                        .end("{\"offset\":" + seq + ",\"recordedAt\":\"" + now + "\"}");
            } else {
                req.response().setStatusCode(404).end();
            }
        }

        private void accept(ServerWebSocket socket) {
            sockets.add(socket);
            socket.textMessageHandler(t -> socket.writeTextMessage("{\"type\":\"snapshot\",\"offset\":0}"));
            socket.closeHandler(v -> sockets.remove(socket));
            socket.exceptionHandler(e -> socket.close());
        }
    }

    /** A JSON update of exactly {@code size} characters (at least the fixed part). */
    static String message(long seq, int size) {
        String head = "{\"type\":\"update\",\"process\":\"bench\",\"asOf\":\"live\",\"offset\":" + seq + ",\"pad\":\"";
        String tail = "\"}";
        int pad = Math.max(0, size - head.length() - tail.length());
        return head + "x".repeat(pad) + tail;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new Hub(port), new DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        System.out.println("listening on http://127.0.0.1:" + port);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // going away anyway
            }
        }));
        Thread.currentThread().join();
    }
}
