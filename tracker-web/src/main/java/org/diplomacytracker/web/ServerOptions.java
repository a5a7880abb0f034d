package org.diplomacytracker.web;

/** How the HTTP server listens: address, port (0 = any free one), body limit, and who may do what. */
public record ServerOptions(String host, int port, long bodyLimit, Tokens tokens) {

    public static final long DEFAULT_BODY_LIMIT = 8L * 1024 * 1024;
}
