package org.diplomacytracker.benchmarks.live;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N websocket clients in the driver's process (one Vert.x, 2 event loops), each subscribed to one of
 * the given views. Every update received is recorded as (offset, receive time in epoch µs) into a
 * {@link Recorder}; per client it checks that offsets strictly increase (a repeat or a step back is
 * counted as a duplicate) and counts updates and extra snapshots (a resync after lagging).
 */
final class Fleet implements AutoCloseable {

    /** Receive records of one measured step. */
    static final class Recorder {
        final long[] offsets;
        final long[] micros;
        final AtomicInteger n = new AtomicInteger();
        final AtomicLong chars = new AtomicLong();

        Recorder(int capacity) {
            offsets = new long[capacity];
            micros = new long[capacity];
        }

        void add(long offset, long t, int length) {
            int i = n.getAndIncrement();
            if (i < offsets.length) {
                offsets[i] = offset;
                micros[i] = t;
            }
            chars.addAndGet(length);
        }

        int size() {
            return Math.min(n.get(), offsets.length);
        }
    }

    static final class Conn {
        final int view;
        WebSocket ws;
        volatile long lastOffset = -1;
        volatile int updates;
        volatile int duplicates;
        volatile int snapshots;
        volatile int errors;
        volatile boolean closed;
        volatile short closeCode;
        Promise<Void> subscribed = Promise.promise();

        Conn(int view) {
            this.view = view;
        }
    }

    final Vertx vertx;
    final WebSocketClient client;
    final List<Conn> conns = new ArrayList<>();
    volatile Recorder recorder = new Recorder(1);
    volatile String firstError;
    /** (offset, development id) of every update the first client received: checks offset ↔ development. */
    final java.util.concurrent.ConcurrentLinkedQueue<String[]> firstClient = new java.util.concurrent.ConcurrentLinkedQueue<>();

    Fleet() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(25_000)
                .setConnectTimeout(30_000).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 24));
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Opens {@code count} clients in waves, subscribing client i to view i % views.length; waits for every snapshot. */
    void open(String host, int port, String process, String[] views, int count, int wave) throws Exception {
        long start = System.nanoTime();
        for (int base = 0; base < count; base += wave) {
            List<Future<Void>> batch = new ArrayList<>();
            for (int i = base; i < Math.min(count, base + wave); i++) {
                Conn c = new Conn(i % views.length);
                conns.add(c);
                String subscribe = "{\"op\":\"subscribe\",\"id\":\"v\",\"process\":\"" + process + "\",\"asOf\":\""
                        + views[c.view] + "\"}";
                client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/api/live"))
                        .onSuccess(ws -> {
                            c.ws = ws;
                            ws.textMessageHandler(text -> onMessage(c, text));
                            ws.closeHandler(v -> {
                                c.closed = true;
                                Short code = ws.closeStatusCode();
                                c.closeCode = code == null ? 0 : code;
                            });
                            ws.exceptionHandler(e -> { });
                            ws.writeTextMessage(subscribe);
                        })
                        .onFailure(e -> c.subscribed.tryFail(e));
                batch.add(c.subscribed.future());
            }
            Future.all(batch).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        }
        System.out.printf("  %d clients connected and subscribed in %.1f s%n", count,
                (System.nanoTime() - start) / 1e9);
    }

    private void onMessage(Conn c, String text) {
        long t = nowMicros();
        if (text.startsWith("{\"type\":\"update\"")) {
            int at = text.indexOf("\"offset\":") + 9;
            long offset = 0;
            while (at < text.length()) {
                char ch = text.charAt(at++);
                if (ch < '0' || ch > '9') {
                    break;
                }
                offset = offset * 10 + (ch - '0');
            }
            if (offset <= c.lastOffset) {
                c.duplicates++;
            } else {
                c.lastOffset = offset;
            }
            c.updates++;
            if (c == conns.get(0)) {
                int d = text.indexOf("\"development\":{\"id\":\"");
                String dev = d < 0 ? "?" : text.substring(d + 21, text.indexOf('"', d + 21));
                firstClient.add(new String[] {Long.toString(offset), dev});
            }
            recorder.add(offset, t, text.length());
        } else if (text.startsWith("{\"type\":\"snapshot\"")) {
            if (!c.subscribed.tryComplete()) {
                c.snapshots++; // a resync after lagging
            }
        } else if (text.startsWith("{\"type\":\"error\"")) {
            c.errors++;
            if (firstError == null) {
                firstError = text;
            }
            c.subscribed.tryFail(text);
        }
    }

    /** Starts a measured step: fresh recorder and per-client counters. */
    void reset(int capacity) {
        recorder = new Recorder(capacity);
        firstClient.clear();
        for (Conn c : conns) {
            c.updates = 0;
            c.duplicates = 0;
            c.snapshots = 0;
        }
    }

    int alive() {
        int n = 0;
        for (Conn c : conns) {
            n += c.closed ? 0 : 1;
        }
        return n;
    }

    @Override
    public void close() {
        for (Conn c : conns) {
            if (c.ws != null && !c.closed) {
                c.ws.close();
            }
        }
        try {
            Thread.sleep(1000);
            client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("  fleet close: " + e);
        }
    }
}
