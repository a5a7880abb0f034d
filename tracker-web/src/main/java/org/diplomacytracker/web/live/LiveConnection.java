package org.diplomacytracker.web.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One websocket and its subscriptions. Its subscription list belongs to the hub's thread; every
 * write, and the lag state, belong to the socket's event loop ({@link #context}): the hub hands
 * writes to that loop as tasks, in its own order, so a connection's messages keep the hub's order.
 * {@link #lastSeen} is touched by the event loop.
 */
final class LiveConnection {

    final ServerWebSocket socket;
    /** The event loop the socket belongs to (its context, unwrapped): every write happens there. */
    final ContextInternal context;
    final List<Subscription> subscriptions = new ArrayList<>();
    volatile Instant lastSeen = Instant.now();
    /** When the server last pinged (event loop only). */
    Instant lastPing = Instant.now();
    /**
     * Since when updates have been held back because the socket's queue was full; null when keeping
     * up. Set and cleared on the event loop; read by the keepalive.
     */
    volatile Instant laggingSince;
    /** Set by the hub's thread once the socket closed; read on the event loop. */
    volatile boolean closed;
    /** The largest frame written: a longer message goes out in fragments, as {@code writeTextMessage} does. */
    private final int maxFrameBytes;

    LiveConnection(ServerWebSocket socket, ContextInternal context, int maxFrameBytes) {
        this.socket = socket;
        this.context = context;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** One subscription: its client-given id (may be null) and the view it follows. */
    record Subscription(String id, ViewKey view) {
    }

    /** What became of an update handed to {@link #send}. */
    enum Sent { WRITTEN, HELD_BACK, STARTED_LAGGING }

    /**
     * On the event loop: writes an update unless the socket is lagging. When the socket's write queue
     * is full it starts lagging ({@code STARTED_LAGGING}, once): updates are held back until it
     * drains and is sent its views afresh ({@link #caughtUp}).
     */
    Sent send(Buffer message) {
        if (closed || laggingSince != null || socket.isClosed()) {
            return Sent.HELD_BACK;
        }
        if (socket.writeQueueFull()) {
            laggingSince = Instant.now();
            return Sent.STARTED_LAGGING;
        }
        write(message);
        return Sent.WRITTEN;
    }

    /** On the event loop, after a drain: stops holding updates back and writes the fresh snapshots. */
    void caughtUp(List<Buffer> snapshots) {
        if (laggingSince == null) {
            return; // already caught up by an earlier drain
        }
        laggingSince = null;
        for (Buffer snapshot : snapshots) {
            write(snapshot);
        }
    }

    /**
     * Writes whatever the lag state (replies to the client's own requests, snapshots): at once on
     * the socket's event loop, else as a task on it, behind whatever the hub handed it before.
     */
    void sendNow(Buffer message) {
        if (context.nettyEventLoop().inEventLoop()) {
            write(message);
        } else {
            context.runOnContext(v -> write(message));
        }
    }

    /**
     * Writes a message's UTF-8 bytes as a text message: one frame, or a text frame and continuations
     * when it is longer than the frame limit. The buffer may be shared by many sockets: each frame
     * gets its own view of the bytes (no copy) and cannot release them (Vert.x wraps them
     * unreleasable), so the first write does not consume the buffer for the others.
     */
    private void write(Buffer message) {
        if (closed || socket.isClosed()) {
            return;
        }
        int length = message.length();
        if (length <= maxFrameBytes) {
            socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) message).getByteBuf(),
                    true));
            return;
        }
        for (int start = 0; start < length; start += maxFrameBytes) {
            int end = Math.min(length, start + maxFrameBytes);
            Buffer part = message.slice(start, end);
            boolean last = end == length;
            socket.writeFrame(start == 0
                    ? new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) part).getByteBuf(), last)
                    : WebSocketFrame.continuationFrame(part, last));
        }
    }
}
