package org.diplomacytracker.web.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import org.diplomacytracker.core.live.Change;
import org.diplomacytracker.events.DevelopmentJson;

/**
 * The server's messages, one builder each: {@code snapshot}, {@code update}, {@code resumed},
 * {@code unsubscribed}, {@code pong}, {@code error}. A message about a subscription echoes its
 * {@code id} (only when the client gave one), {@code process} and {@code asOf}. Each is built as
 * UTF-8 bytes in a {@link Buffer}, once, whatever the number of sockets it goes to.
 */
final class Messages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Messages() {
    }

    private static ObjectNode about(String type, LiveConnection.Subscription s) {
        ObjectNode m = JSON.objectNode();
        m.put("type", type);
        if (s.id() != null) {
            m.put("id", s.id());
        }
        m.put("process", s.view().process());
        m.put("asOf", s.view().asOfWire());
        return m;
    }

    static Buffer snapshot(ObjectMapper mapper, LiveConnection.Subscription s, ObjectNode state, Boolean resumed) {
        ObjectNode m = about("snapshot", s);
        m.put("offset", state.get("offset").asLong());
        if (resumed != null) {
            m.put("resumed", resumed);
        }
        m.set("state", state);
        return write(mapper, m);
    }

    static Buffer update(ObjectMapper mapper, LiveConnection.Subscription s, Change change, JsonNode patch) {
        ObjectNode m = about("update", s);
        m.put("offset", change.offset());
        m.set("development", DevelopmentJson.toTree(change.development()));
        m.set("patch", patch);
        return write(mapper, m);
    }

    static Buffer resumed(ObjectMapper mapper, LiveConnection.Subscription s, long offset) {
        ObjectNode m = about("resumed", s);
        m.put("offset", offset);
        return write(mapper, m);
    }

    static Buffer unsubscribed(ObjectMapper mapper, LiveConnection.Subscription s) {
        return write(mapper, about("unsubscribed", s));
    }

    static Buffer pong() {
        return Buffer.buffer("{\"type\":\"pong\"}");
    }

    /** A request the server cannot act on; the connection stays open. */
    static Buffer error(String id, String reason) {
        ObjectNode m = JSON.objectNode();
        m.put("type", "error");
        if (id != null) {
            m.put("id", id);
        }
        m.put("reason", reason);
        return Buffer.buffer(m.toString());
    }

    /** The message's UTF-8 bytes, encoded once: the same buffer may be written to many sockets. */
    private static Buffer write(ObjectMapper mapper, ObjectNode message) {
        try {
            return Buffer.buffer(mapper.writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
