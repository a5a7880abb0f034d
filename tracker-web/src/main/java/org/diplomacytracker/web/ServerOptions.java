package org.diplomacytracker.web;

import org.diplomacytracker.web.live.LiveOptions;

/**
 * How the HTTP server listens: address, port (0 = any free one), body limit, who may do what, and
 * the limits of the live protocol.
 */
public record ServerOptions(String host, int port, long bodyLimit, Tokens tokens, LiveOptions live) {

    public static final long DEFAULT_BODY_LIMIT = 8L * 1024 * 1024;

    public ServerOptions(String host, int port, long bodyLimit, Tokens tokens) {
        this(host, port, bodyLimit, tokens, LiveOptions.defaults());
    }
}
