package org.diplomacytracker.web.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/** JSON equality where numbers compare by value (1000 equals 1000.0), as the wire contract means it. */
public final class JsonComparison {

    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonComparison() {
    }

    public static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals(BY_VALUE, b);
    }

    /** A copy of a timeline item without the members the tracker adds to the development. */
    public static ObjectNode withoutStanding(JsonNode item) {
        ObjectNode copy = (ObjectNode) item.deepCopy();
        copy.remove(List.of("offset", "recordedAt", "retractedBy", "correctedBy"));
        return copy;
    }
}
