package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader gives exactly the development the strict tree path gives, or null; it never
 * accepts what the strict path refuses. For valid input it does not fall back, so that ingest reads
 * each development once.
 */
class DevelopmentReaderTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String NOISE = "{}[]\":,.-+0eE\\ntrue";
    private static final List<String> SOURCE_MEMBERS =
            List.of("outlet", "url", "title", "attribution", "reliability", "credibility");
    private static final List<String> PROVISION_MEMBERS = List.of("issue", "term");
    /** Every member of every development type. */
    private static final List<String> DEVELOPMENT_MEMBERS = developmentMembers();
    /** A valid value of each member, from the examples, and for those no example gives. */
    private static final Map<String, JsonNode> SAMPLES = samples();

    /** The strict path's verdict: the development, or null for a refusal. */
    private static Development strict(byte[] json) {
        try {
            return DevelopmentJson.fromTree(JsonTrees.parse(json));
        } catch (InvalidDevelopmentException e) {
            return null;
        }
    }

    /**
     * Whether {@code json} was accepted: the reader gives what the strict path gives, a development
     * equal to its own or null for a refusal. It never accepts what the strict path refuses, and it
     * does not leave valid input to it.
     */
    private static boolean agree(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Development fast = DevelopmentReader.read(bytes);
        Development strict = strict(bytes);
        assertThat(fast).as(json).isEqualTo(strict);
        if (fast != null) {
            assertThat(DevelopmentJson.write(fast)).as(json).isEqualTo(DevelopmentJson.write(strict));
        }
        return fast != null;
    }

    @Test
    void everyExampleIsReadWithoutFallingBackAsTheStrictPathReadsIt() {
        List<String> examples = new ArrayList<>(Examples.BY_TYPE.values());
        examples.add(Examples.DESIGN_ENVOY_APPOINTED);
        examples.add(" \r\n\t" + Examples.TALKS_HELD + "\n");
        for (String json : examples) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            Development fast = DevelopmentReader.read(bytes);
            assertThat(fast).as(json).isNotNull().isEqualTo(strict(bytes));
            assertThat(DevelopmentJson.readDirect(bytes)).as(json).isEqualTo(fast);
        }
    }

    @Test
    void everyMemberPresentAbsentOrNullIsReadExactlyAsTheStrictPathReadsIt() {
        int accepted = 0;
        int variants = 0;
        for (String example : Examples.BY_TYPE.values()) {
            ObjectNode tree = Examples.tree(example);
            for (JsonPointer at : objectsIn(tree)) {
                for (String member : membersFor(at)) {
                    List<JsonNode> values = new ArrayList<>();
                    values.add(null); // absent
                    values.add(NODES.nullNode());
                    values.add(SAMPLES.get(member));
                    if (tree.at(at).has(member)) {
                        values.add(tree.at(at).get(member));
                    }
                    for (JsonNode value : values) {
                        ObjectNode copy = tree.deepCopy();
                        ObjectNode object = (ObjectNode) copy.at(at);
                        if (value == null) {
                            object.remove(member);
                        } else {
                            object.set(member, value);
                        }
                        variants++;
                        accepted += agree(copy.toString()) ? 1 : 0;
                    }
                }
            }
        }
        assertThat(variants).isGreaterThan(2_000);
        assertThat(accepted).as("optional members present, absent or null are read").isGreaterThan(1_000);
    }

    @Test
    void mutatedInputIsAcceptedExactlyWhenTheStrictPathAcceptsIt() {
        Random random = new Random(20241127);
        List<String> examples = new ArrayList<>(Examples.BY_TYPE.values());
        int accepted = 0;
        for (int i = 0; i < 25_000; i++) {
            ObjectNode tree = Examples.tree(examples.get(random.nextInt(examples.size())));
            ObjectNode extraIn = null;
            String extraName = null;
            JsonNode extraValue = null;
            int edits = 1 + random.nextInt(2);
            for (int k = 0; k < edits; k++) {
                List<JsonPointer> objects = objectsIn(tree);
                JsonPointer at = objects.get(random.nextInt(objects.size()));
                ObjectNode object = (ObjectNode) tree.at(at);
                String member = pick(random, object, at);
                switch (random.nextInt(6)) {
                    case 0 -> object.remove(member);
                    case 1 -> object.set(member, oddValue(random));
                    case 2 -> {
                        JsonNode value = object.remove(member);
                        String renamed = switch (random.nextInt(3)) {
                            case 0 -> member.toUpperCase();
                            case 1 -> member + "s";
                            default -> pick(random, object, at);
                        };
                        object.set(renamed, value != null ? value : oddValue(random));
                    }
                    case 3 -> object.set(random.nextBoolean() ? "unknown" : "references", oddValue(random));
                    default -> {
                        // a member twice: the tree cannot hold it, the text can
                        extraIn = object;
                        extraName = member;
                        extraValue = random.nextBoolean() && object.has(member) ? object.get(member) : oddValue(random);
                    }
                }
            }
            StringBuilder json = new StringBuilder();
            write(tree, json, extraIn, extraName, extraValue);
            if (random.nextInt(4) == 0) {
                mutateText(random, json);
            }
            accepted += agree(json.toString()) ? 1 : 0;
        }
        assertThat(accepted).as("enough mutations stay valid to compare the developments").isGreaterThan(800);
    }

    @Test
    void escapesWhiteSpaceAndUnicodeAnywhereAreReadAsTheStrictPathReadsThem() {
        Random random = new Random(42);
        List<String> examples = new ArrayList<>(Examples.BY_TYPE.values());
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            StringBuilder json = new StringBuilder(examples.get(random.nextInt(examples.size())));
            int at = random.nextInt(json.length());
            char c = json.charAt(at);
            switch (random.nextInt(3)) {
                // an escape inside a string (name or value) is the same text; outside one, malformed
                case 0 -> {
                    if (Character.isLetterOrDigit(c) || c == '-' || c == ' ') {
                        json.replace(at, at + 1, String.format("\\u%04x", (int) c));
                    }
                }
                case 1 -> json.insert(at, random.nextBoolean() ? " " : "\n\t");
                default -> json.insert(at, new String[] {"é", "😀", "\\ud83d\\ude00", "\\ud800", "\\n", "\\\"", "\u2028",
                    "\\/"}[random.nextInt(8)]);
            }
            accepted += agree(json.toString()) ? 1 : 0;
        }
        assertThat(accepted).isGreaterThan(3_000);
    }

    @Test
    void aByteOrderMarkAndWhiteSpaceAroundTheObjectAreReadAsTheStrictPathReadsThem() {
        assertThat(agree("\uFEFF" + Examples.ENVOY_APPOINTED)).isTrue();
        assertThat(agree("\uFEFF \n" + Examples.ENVOY_APPOINTED + "\r\n")).isTrue();
    }

    @Test
    void anythingButOneDevelopmentObjectInUtf8IsRefused() {
        String json = Examples.ENVOY_APPOINTED;
        for (Charset charset : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, Charset.forName("UTF-32BE"),
                Charset.forName("UTF-32LE"))) {
            assertThat(DevelopmentReader.read(json.getBytes(charset))).as(charset.name()).isNull();
        }
        for (String refused : List.of("", " ", "null", "[" + json + "]", json + json, json + ",", "\uFEFF\uFEFF" + json,
                Examples.edit(json, t -> t.putArray("references")), Examples.edit(json, t -> t.putNull("unknown")))) {
            assertThat(agree(refused)).as(refused).isFalse();
        }
    }

    /** Pointers to every object in the tree: the development, its source, provisions and replacement. */
    private static List<JsonPointer> objectsIn(JsonNode tree) {
        List<JsonPointer> objects = new ArrayList<>();
        collect(tree, JsonPointer.empty(), objects);
        return objects;
    }

    private static void collect(JsonNode node, JsonPointer at, List<JsonPointer> objects) {
        if (node.isObject()) {
            objects.add(at);
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                collect(member.getValue(), at.appendProperty(member.getKey()), objects);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), at.appendIndex(i), objects);
            }
        }
    }

    private static List<String> membersFor(JsonPointer at) {
        String last = at.last() == null ? "" : at.last().getMatchingProperty();
        if (last.equals("source")) {
            return SOURCE_MEMBERS;
        }
        return at.last() != null && at.last().mayMatchElement() ? PROVISION_MEMBERS : DEVELOPMENT_MEMBERS;
    }

    /** A member of the object, mostly one it has. */
    private static String pick(Random random, ObjectNode object, JsonPointer at) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(m -> names.add(m.getKey()));
        List<String> from = names.isEmpty() || random.nextInt(4) == 0 ? membersFor(at) : names;
        return from.get(random.nextInt(from.size()));
    }

    private static JsonNode oddValue(Random random) {
        return switch (random.nextInt(18)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode("");
            case 2 -> NODES.textNode("ru");
            case 3 -> NODES.textNode("5");
            case 4 -> NODES.numberNode(random.nextInt(9) - 2);
            case 5 -> NODES.numberNode(new BigDecimal("2.0"));
            case 6 -> NODES.numberNode(new BigDecimal("1E+3"));
            case 7 -> NODES.numberNode(-1000.25);
            case 8 -> NODES.numberNode(12_345_678_901L);
            case 9 -> NODES.numberNode(BigInteger.TWO.pow(70));
            case 10 -> NODES.booleanNode(random.nextBoolean());
            case 11 -> NODES.arrayNode();
            case 12 -> NODES.arrayNode().add("ru").add("ua");
            case 13 -> NODES.arrayNode().addNull();
            case 14 -> NODES.objectNode();
            case 15 -> NODES.objectNode().put("outlet", "X").put("issue", "nato-membership").put("term", "t");
            case 16 -> NODES.arrayNode().add(NODES.objectNode().put("issue", "nato-membership").put("term", "t"));
            default -> SAMPLES.get(DEVELOPMENT_MEMBERS.get(random.nextInt(DEVELOPMENT_MEMBERS.size())));
        };
    }

    private static void mutateText(Random random, StringBuilder json) {
        int at = random.nextInt(json.length() + 1);
        switch (random.nextInt(5)) {
            case 0 -> json.setLength(at);
            case 1 -> json.append(new String[] {" ", "\n", "{}", "x", ",", "]", "\u0000"}[random.nextInt(7)]);
            case 2 -> json.insert(0, new String[] {" ", "\u0000", "\uFEFF", "[", "\"x\""}[random.nextInt(5)]);
            case 3 -> {
                if (at < json.length()) {
                    json.deleteCharAt(at);
                }
            }
            default -> json.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
        }
    }

    /** JSON text of the tree, with {@code extraName} given once more in {@code extraIn}, if any. */
    private static void write(JsonNode node, StringBuilder out, ObjectNode extraIn, String extraName,
            JsonNode extraValue) {
        if (node.isObject()) {
            out.append('{');
            boolean first = true;
            if (node == extraIn) {
                out.append(NODES.textNode(extraName)).append(':').append(extraValue);
                first = false;
            }
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                out.append(first ? "" : ",").append(NODES.textNode(member.getKey())).append(':');
                write(member.getValue(), out, extraIn, extraName, extraValue);
                first = false;
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out, extraIn, extraName, extraValue);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }

    private static List<String> developmentMembers() {
        Set<String> members = new LinkedHashSet<>();
        members.add("type");
        for (DevelopmentType type : DevelopmentType.values()) {
            for (var component : type.javaType().getRecordComponents()) {
                members.add(component.getName());
            }
        }
        return List.copyOf(members);
    }

    private static Map<String, JsonNode> samples() {
        Map<String, JsonNode> samples = new LinkedHashMap<>();
        samples.put("mandate", NODES.textNode("negotiate a ceasefire"));
        samples.put("proposal", NODES.textNode("wsj-transition-plan"));
        for (String example : Examples.BY_TYPE.values()) {
            Examples.tree(example).properties().forEach(m -> samples.putIfAbsent(m.getKey(), m.getValue()));
        }
        Examples.tree(Examples.ENVOY_APPOINTED).get("source").properties()
                .forEach(m -> samples.putIfAbsent(m.getKey(), m.getValue()));
        samples.put("title", NODES.textNode("A title"));
        samples.put("term", NODES.textNode("a term"));
        assertThat(samples.keySet()).containsAll(DEVELOPMENT_MEMBERS).containsAll(SOURCE_MEMBERS);
        return samples;
    }
}
