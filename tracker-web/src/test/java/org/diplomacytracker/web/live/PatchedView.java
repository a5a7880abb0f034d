package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonDiff;
import com.flipkart.zjsonpatch.JsonPatch;
import java.util.ArrayList;
import java.util.List;

/**
 * What a dashboard holds for one subscription: the snapshot's state with every update's RFC 6902
 * patch applied in turn (by zjsonpatch, strictly). Checks on the way that offsets strictly increase
 * and that each patched state carries its update's offset.
 */
final class PatchedView {

    static final List<String> SECTIONS = List.of("actors", "issues", "envoys", "positions", "proposals",
            "territory", "commitments", "talks");

    private final String name;
    private JsonNode state;
    private long offset = -1;
    private final List<JsonNode> updates = new ArrayList<>();
    private int snapshots;

    PatchedView(String name) {
        this.name = name;
    }

    /** Applies a snapshot, update or resumed message about this subscription. */
    PatchedView apply(JsonNode message) {
        String type = message.path("type").asText();
        long at = message.path("offset").asLong(-1);
        switch (type) {
            case "snapshot" -> {
                assertThat(message.get("state").isObject()).as("%s: snapshot state", name).isTrue();
                state = message.get("state");
                assertThat(state.path("offset").asLong()).as("%s: snapshot offset = its state's offset", name)
                        .isEqualTo(at);
                offset = at;
                snapshots++;
            }
            case "update" -> {
                assertThat(state).as("%s: an update before any snapshot: %s", name, message).isNotNull();
                assertThat(at).as("%s: offsets strictly increase (update after %s)", name, offset)
                        .isGreaterThan(offset);
                assertThat(message.get("patch").isArray()).as("%s: patch is a JSON Patch array", name).isTrue();
                state = JsonPatch.apply(message.get("patch"), state);
                assertThat(state.path("offset").asLong()).as("%s: the patched state's offset is the update's", name)
                        .isEqualTo(at);
                offset = at;
                updates.add(message);
            }
            case "resumed" -> {
                assertThat(state).as("%s: resumed before any state", name).isNotNull();
                assertThat(at).as("%s: resumed offset", name).isGreaterThanOrEqualTo(offset);
            }
            default -> throw new AssertionError(name + ": not a message about a view: " + message);
        }
        return this;
    }

    /** Applies every message of {@code messages} whose id is {@code id} (null: messages without an id). */
    PatchedView applyAll(List<JsonNode> messages, String id) {
        for (JsonNode m : messages) {
            if (id == null ? !m.has("id") : id.equals(m.path("id").asText(null))) {
                apply(m);
            }
        }
        return this;
    }

    /** Starts from a state a client kept (e.g. before it disconnected). */
    PatchedView startingFrom(JsonNode kept, long keptOffset) {
        state = kept;
        offset = keptOffset;
        return this;
    }

    JsonNode state() {
        return state;
    }

    long offset() {
        return offset;
    }

    List<JsonNode> updates() {
        return updates;
    }

    List<String> updatedBy() {
        return updates.stream().map(u -> u.path("development").path("id").asText()).toList();
    }

    int snapshots() {
        return snapshots;
    }

    /** The eight sections equal the REST state's. */
    void assertSameSectionsAs(JsonNode rest) {
        ObjectNode ours = sections(state);
        ObjectNode theirs = sections(rest);
        if (!ours.equals(theirs)) {
            throw new AssertionError(name + ": snapshot + patches differ from the REST state at offset "
                    + rest.path("offset") + " (view at " + offset + "); the patch from REST to ours: "
                    + JsonDiff.asJson(theirs, ours));
        }
    }

    /**
     * The eight sections, numbers compared by value: JSON has one number type, and a client cannot tell
     * {@code 1000} from {@code 1E+3} (that the live messages write the latter is checked on its own).
     */
    static ObjectNode sections(JsonNode state) {
        ObjectNode out = LiveClient.JSON.createObjectNode();
        for (String section : SECTIONS) {
            out.set(section, byValue(state.get(section)));
        }
        return out;
    }

    private static JsonNode byValue(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
        }
        if (node.isObject()) {
            ObjectNode copy = LiveClient.JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), byValue(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = LiveClient.JSON.createArrayNode();
            node.forEach(e -> copy.add(byValue(e)));
            return copy;
        }
        return node;
    }
}
