package org.diplomacytracker.web.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The demo data set shipped in the jar ({@code /demo/ru-ua.ndjson}): 100 developments of process
 * {@code ru-ua} in recorded order. The test oracle reads the file itself, not the tracker.
 */
public final class DemoData {

    public static final String PROCESS = "ru-ua";
    public static final int SIZE = 100;
    public static final String RESOURCE = "/demo/ru-ua.ndjson";

    private static final byte[] BYTES = load();
    private static final List<ObjectNode> DEVELOPMENTS = parse();

    private DemoData() {
    }

    /** The file's bytes, as a client would post them. */
    public static byte[] ndjson() {
        return BYTES.clone();
    }

    /** Writes the file to {@code file} and returns it. */
    public static Path writeTo(Path file) {
        try {
            return Files.write(file, BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The developments in recorded (file) order; each call gives fresh copies. */
    public static List<ObjectNode> developments() {
        return DEVELOPMENTS.stream().map(ObjectNode::deepCopy).toList();
    }

    public static List<String> ids() {
        return DEVELOPMENTS.stream().map(d -> d.get("id").asText()).toList();
    }

    public static ObjectNode byId(String id) {
        return DEVELOPMENTS.stream().filter(d -> d.get("id").asText().equals(id)).findFirst()
                .map(ObjectNode::deepCopy)
                .orElseThrow(() -> new IllegalArgumentException("no demo development " + id));
    }

    /** The ids of those that pass {@code filter}, in valid-time order: by date, then recorded order. */
    public static List<String> idsInValidTimeOrder(Predicate<JsonNode> filter) {
        return IntStream.range(0, DEVELOPMENTS.size()).boxed()
                .filter(i -> filter.test(DEVELOPMENTS.get(i)))
                .sorted(Comparator.<Integer, LocalDate>comparing(i -> occurredOn(DEVELOPMENTS.get(i)))
                        .thenComparing(i -> i))
                .map(i -> DEVELOPMENTS.get(i).get("id").asText())
                .toList();
    }

    public static LocalDate occurredOn(JsonNode development) {
        return LocalDate.parse(development.get("occurredOn").asText());
    }

    private static byte[] load() {
        try (InputStream in = DemoData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ObjectNode> parse() {
        List<ObjectNode> list = new ArrayList<>();
        for (String line : new String(BYTES, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                list.add((ObjectNode) Reply.JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the demo file has a line that is not JSON", e);
            }
        }
        if (list.size() != SIZE) {
            throw new IllegalStateException("the demo file has " + list.size() + " developments, not " + SIZE);
        }
        return List.copyOf(list);
    }
}
