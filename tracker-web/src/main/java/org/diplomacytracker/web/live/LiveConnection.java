package org.diplomacytracker.web.live;

import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One websocket and its subscriptions. Its subscription list and lag state belong to the hub's
 * thread; {@link #lastSeen} is touched by the event loop.
 */
final class LiveConnection {

    final ServerWebSocket socket;
    final List<Subscription> subscriptions = new ArrayList<>();
    volatile Instant lastSeen = Instant.now();
    /** When the server last pinged (event loop only). */
    Instant lastPing = Instant.now();
    /** Since when writes have been held back because the socket's queue was full; null when keeping up. */
    volatile Instant laggingSince;
    boolean closed;

    LiveConnection(ServerWebSocket socket) {
        this.socket = socket;
    }

    /** One subscription: its client-given id (may be null) and the view it follows. */
    record Subscription(String id, ViewKey view) {
    }

    /** What became of a message handed to {@link #send}. */
    enum Sent { WRITTEN, HELD_BACK, STARTED_LAGGING }

    /**
     * Writes a message unless the socket is lagging. When the socket's write queue is full it starts
     * lagging ({@code STARTED_LAGGING}, once): the caller stops sending until it drains.
     */
    Sent send(String message) {
        if (closed || laggingSince != null) {
            return Sent.HELD_BACK;
        }
        if (socket.writeQueueFull()) {
            laggingSince = Instant.now();
            return Sent.STARTED_LAGGING;
        }
        socket.writeTextMessage(message);
        return Sent.WRITTEN;
    }

    /** Writes whatever the lag state (replies to the client's own requests, fresh snapshots after a drain). */
    void sendNow(String message) {
        if (!closed) {
            socket.writeTextMessage(message);
        }
    }
}
