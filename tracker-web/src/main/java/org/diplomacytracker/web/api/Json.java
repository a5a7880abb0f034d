package org.diplomacytracker.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.diplomacytracker.events.DevelopmentJson;

/** Writes JSON responses with the tracker's one mapper. */
final class Json {

    private Json() {
    }

    static void send(RoutingContext ctx, int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = DevelopmentJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        // set, not left to Vert.x, so that a HEAD answer carries the length its GET would have
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .end(Buffer.buffer(bytes));
    }
}
