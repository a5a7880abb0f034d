package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives, reading either gives a development or refuses with an
 * {@link InvalidDevelopmentException} that names its field first and leaks nothing of the parser.
 */
class HostileInputTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<JsonNode> ODD_VALUES = List.of(NODES.numberNode(5), NODES.numberNode(2.5),
            NODES.numberNode(-1), NODES.textNode(""), NODES.textNode(" "), NODES.textNode("x y"), NODES.textNode("5"),
            NODES.textNode("2024-13-45"), NODES.booleanNode(true), NODES.nullNode(), NODES.arrayNode(),
            NODES.arrayNode().add(5), NODES.arrayNode().addNull(), NODES.objectNode(),
            NODES.objectNode().put("type", "EnvoyLeft"));

    @Test
    void everyMemberOfEveryExampleReplacedByAnOddValueIsReadOrRefusedCleanly() {
        int refusals = 0;
        for (String example : Examples.BY_TYPE.values()) {
            for (Consumer<ObjectNode> edit : editsOf(Examples.tree(example))) {
                String json = Examples.edit(example, edit);
                Throwable thrown = catchThrowable(() -> DevelopmentJson.read(json));
                if (thrown != null) {
                    assertClean(thrown, json);
                    refusals++;
                }
            }
        }
        assertThat(refusals).as("most odd values are refused").isGreaterThan(1000);
    }

    @Test
    void everyTruncationIsRefusedAsMalformed() {
        for (String example : List.of(Examples.ENVOY_APPOINTED, Examples.DEVELOPMENT_CORRECTED, Examples.PROPOSAL_TABLED)) {
            for (int end = 0; end < example.length(); end++) {
                String prefix = example.substring(0, end);
                Throwable thrown = catchThrowable(() -> DevelopmentJson.read(prefix));
                assertClean(thrown, prefix);
                assertThat(((InvalidDevelopmentException) thrown).field()).as(prefix).isNull();
            }
        }
    }

    @Test
    void randomlyDamagedBytesAreReadOrRefusedCleanly() {
        Random random = new Random(20241127);
        byte[] original = Examples.DEVELOPMENT_CORRECTED.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 5_000; round++) {
            byte[] damaged = original.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            Throwable thrown = catchThrowable(() -> DevelopmentJson.read(damaged));
            if (thrown != null) {
                assertClean(thrown, new String(damaged, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void deepNestingIsRefusedCleanly() {
        String deep = "{\"id\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";

        assertClean(catchThrowable(() -> DevelopmentJson.read(deep)), "deep nesting");
    }

    private static void assertClean(Throwable thrown, String input) {
        assertThat(thrown).as(input).isInstanceOf(InvalidDevelopmentException.class);
        InvalidDevelopmentException refusal = (InvalidDevelopmentException) thrown;
        assertThat(refusal.getMessage()).as(input)
                .isNotBlank()
                .doesNotContain("com.fasterxml", "Exception", "jackson", "Jackson", "java.", "\n");
        if (refusal.field() != null) {
            assertThat(refusal.getMessage()).as(input).matches(Pattern.quote(refusal.field()) + "[ :].*");
        }
    }

    /** For each member, at any depth: remove it, or put each odd value in its place. */
    private static List<Consumer<ObjectNode>> editsOf(ObjectNode root) {
        List<Consumer<ObjectNode>> edits = new ArrayList<>();
        collect(root, new ArrayList<>(), edits);
        return edits;
    }

    private static void collect(JsonNode node, List<Object> path, List<Consumer<ObjectNode>> edits) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                List<Object> member = append(path, name);
                edits.add(root -> ((ObjectNode) at(root, path)).remove(name));
                for (JsonNode odd : ODD_VALUES) {
                    edits.add(root -> ((ObjectNode) at(root, path)).set(name, odd.deepCopy()));
                }
                collect(node.get(name), member, edits);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                int index = i;
                for (JsonNode odd : ODD_VALUES) {
                    edits.add(root -> ((ArrayNode) at(root, path)).set(index, odd.deepCopy()));
                }
                collect(node.get(i), append(path, i), edits);
            }
        }
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return longer;
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
        }
        return node;
    }
}
