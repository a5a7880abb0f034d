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
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(bytes));
    }
}
