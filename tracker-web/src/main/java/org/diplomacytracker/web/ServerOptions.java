package org.diplomacytracker.web;

import org.diplomacytracker.web.live.LiveOptions;

/**
 * How the HTTP server listens: address, port (0 = any free one), body limit, who may do what, the
 * limits of the live protocol, and how many event loops serve HTTP and websockets (0 = one per
 * available processor).
 */
public record ServerOptions(String host, int port, long bodyLimit, Tokens tokens, LiveOptions live, int eventLoops) {

    public static final long DEFAULT_BODY_LIMIT = 8L * 1024 * 1024;
    /** A body is held in memory whole, decoded as well as received: 1 GiB is far beyond any batch worth sending. */
    public static final long MAX_BODY_LIMIT = 1024L * 1024 * 1024;

    public ServerOptions {
        if (bodyLimit < 1 || bodyLimit > MAX_BODY_LIMIT) {
            // Vert.x reads a negative limit as none at all
            throw new IllegalArgumentException(
                    "bodyLimit must be from 1 to " + MAX_BODY_LIMIT + " bytes, got " + bodyLimit);
        }
        if (eventLoops < 0) {
            throw new IllegalArgumentException("eventLoops must be 0 (one per processor) or more, got " + eventLoops);
        }
    }

    public ServerOptions(String host, int port, long bodyLimit, Tokens tokens, LiveOptions live) {
        this(host, port, bodyLimit, tokens, live, 0);
    }

    public ServerOptions(String host, int port, long bodyLimit, Tokens tokens) {
        this(host, port, bodyLimit, tokens, LiveOptions.defaults());
    }

    public ServerOptions withEventLoops(int loops) {
        return new ServerOptions(host, port, bodyLimit, tokens, live, loops);
    }

    /** The number of event loops to serve on: as configured, or one per available processor. */
    public int effectiveEventLoops() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }
}
