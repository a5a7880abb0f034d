package org.diplomacytracker.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.diplomacytracker.events.DevelopmentJson;

/**
 * An RFC 9457 problem: what went wrong, in words for the user, with the JSON field and NDJSON line
 * to blame where they apply. Never carries exception text or a stack trace.
 */
public record Problem(int status, String slug, String title, String detail, String field, Integer line) {

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(status, slug, title, detail, null, null);
    }

    public Problem withField(String newField) {
        return new Problem(status, slug, title, detail, newField, line);
    }

    public Problem atLine(Integer newLine) {
        return new Problem(status, slug, title, detail, field, newLine);
    }

    public ObjectNode toJson() {
        ObjectNode json = DevelopmentJson.mapper().createObjectNode();
        json.put("type", "urn:diplomacy-tracker:problem:" + slug);
        json.put("title", title);
        json.put("status", status);
        json.put("detail", detail);
        if (field != null) {
            json.put("field", field);
        }
        if (line != null) {
            json.put("line", line);
        }
        return json;
    }

    /** Sends this problem; the response must not have been written yet. */
    public void send(HttpServerResponse response) {
        if (response.headWritten() || response.closed()) {
            return;
        }
        Buffer body = Buffer.buffer(toJson().toString());
        // set, not left to Vert.x, so that a HEAD answer carries the length its GET would have
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Content-Length", Integer.toString(body.length()))
                .end(body);
    }
}
