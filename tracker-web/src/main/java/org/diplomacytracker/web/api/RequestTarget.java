package org.diplomacytracker.web.api;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * The request target, checked before routing: every {@code %} in the path and the query must start an
 * escape of two hex digits. The router would otherwise fail to decode it while matching, answer a bare
 * 400 and log the client's typo as a server error.
 */
public final class RequestTarget {

    private RequestTarget() {
    }

    /** The problem with the request's path or query, if either holds a malformed percent-escape. */
    public static Optional<Problem> malformed(HttpServerRequest request) {
        String path = request.path();
        if (path != null && badEscapeAt(path) >= 0) {
            return Optional.of(Problem.of(400, "malformed-uri", "Malformed URI",
                    "the path has a '%' that is not followed by two hex digits: '" + Params.shorten(path)
                            + "'; write a literal '%' as %25"));
        }
        String query = request.query();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (badEscapeAt(pair) < 0) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (badEscapeAt(name) >= 0) {
                return Optional.of(Problem.of(400, "malformed-uri", "Malformed URI",
                        "the query has a parameter name with a '%' that is not followed by two hex digits: '"
                                + Params.shorten(name) + "'; write a literal '%' as %25"));
            }
            String field = name.indexOf('%') < 0 ? name : java.net.URLDecoder.decode(name,
                    java.nio.charset.StandardCharsets.UTF_8);
            return Optional.of(Problem.of(400, "invalid-parameter", "Invalid query parameter",
                    Params.shorten(field) + " has a '%' that is not followed by two hex digits: '"
                            + Params.shorten(pair.substring(equals + 1)) + "'; write a literal '%' as %25")
                    .withField(field));
        }
        return Optional.empty();
    }

    /** The index of the first '%' that does not start a two-hex-digit escape, or -1. */
    private static int badEscapeAt(String text) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
                return i;
            }
            i += 2;
        }
        return -1;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
