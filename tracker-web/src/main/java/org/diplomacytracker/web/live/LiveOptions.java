package org.diplomacytracker.web.live;

import java.time.Duration;
import java.util.List;

/**
 * Limits of the live protocol: subscriptions per connection, largest frame, keepalive ping, how long
 * a silent client stays connected, how long a client may lag before it is closed, and which page
 * origins may connect (empty: the server's own origin, and clients that send none).
 */
public record LiveOptions(int maxSubscriptions, int maxFrameBytes, Duration pingInterval, Duration idleTimeout,
                          Duration slowClientLimit, List<String> allowedOrigins) {

    public LiveOptions {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static LiveOptions defaults() {
        return new LiveOptions(32, 64 * 1024, Duration.ofSeconds(20), Duration.ofSeconds(90),
                Duration.ofSeconds(30), List.of());
    }

    public LiveOptions withAllowedOrigins(List<String> origins) {
        return new LiveOptions(maxSubscriptions, maxFrameBytes, pingInterval, idleTimeout, slowClientLimit, origins);
    }

    public LiveOptions withIdleTimeout(Duration idle, Duration ping) {
        return new LiveOptions(maxSubscriptions, maxFrameBytes, ping, idle, slowClientLimit, allowedOrigins);
    }
}
