package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Objects;

/**
 * The one way in and out of the wire JSON of a development.
 *
 * <p>Reading is strict: one JSON object, valid UTF-8, no key twice, no unknown field, no value of
 * the wrong JSON type ({@code "5"} is not a number, {@code 5} is not a string), and every rule of
 * the records. Every refusal is an {@link InvalidDevelopmentException} whose {@code field()} is the
 * dotted path of the culprit and whose message starts with it.
 *
 * <p>Writing is compact and deterministic: the same development always gives the same string, so it
 * can be hashed for idempotency. Absent optional members are omitted, dates are ISO strings,
 * numbers are written in plain digits.
 */
public final class DevelopmentJson {

    /** Private, so that no caller can loosen it; {@link #mapper()} hands out a copy. */
    private static final ObjectMapper STRICT = newMapper();
    private static final ObjectMapper SHARED = STRICT.copy();
    private static final ObjectReader READER = STRICT.readerFor(Development.class);
    private static final ObjectWriter WRITER = STRICT.writerFor(Development.class);

    private DevelopmentJson() {
    }

    /**
     * The mapper configured for developments, shared and thread-safe, for code that must bind them
     * itself (the event store's serializer). It round-trips each record as its concrete class. It is
     * a copy: a module registered on it (Axon registers one) does not change how this class reads.
     */
    public static ObjectMapper mapper() {
        return SHARED;
    }

    /** Reads one development from UTF-8 bytes: an HTTP body or one NDJSON line. */
    public static Development read(byte[] json) {
        Objects.requireNonNull(json, "json");
        Development direct = readDirect(json);
        return direct != null ? direct : bind(JsonTrees.parse(json));
    }

    /**
     * The development when the bytes are one, read in one pass by {@link DevelopmentReader}; null
     * when the tree must read them, and say why not. Refusals stay exactly as they were, and valid
     * input is parsed once.
     */
    static Development readDirect(byte[] json) {
        return Utf8.isWellFormed(json) ? DevelopmentReader.read(json) : null;
    }

    /**
     * The development when the bytes are a valid one, read in one pass; null otherwise, without saying
     * why. For bytes this tracker wrote itself (the event store's payloads), which are valid but for
     * damage: the caller falls back to a reader that explains.
     */
    public static Development readValid(byte[] json) {
        return readDirect(Objects.requireNonNull(json, "json"));
    }

    public static Development read(String json) {
        Objects.requireNonNull(json, "json");
        return bind(JsonTrees.parse(json));
    }

    /**
     * One JSON object from UTF-8 bytes, parsed as strictly as a development is (well-formed UTF-8,
     * no duplicate members), for the envelopes that carry one; refusals as {@link #read(byte[])} words them.
     */
    public static ObjectNode parseObject(byte[] json) {
        return JsonTrees.parse(Objects.requireNonNull(json, "json"));
    }

    /** Reads one development from a tree already parsed elsewhere; the same rules apply. */
    public static Development fromTree(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidDevelopmentException(null,
                    "a development must be a JSON object, got " + JsonProblems.describe(node));
        }
        return bind(node);
    }

    /** The wire JSON, compact, members in declaration order, absent optional ones omitted. */
    public static String write(Development development) {
        Objects.requireNonNull(development, "development");
        String fast = DevelopmentWriter.text(development);
        if (fast != null) {
            return fast;
        }
        try {
            return WRITER.writeValueAsString(development);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a development could not be written as JSON", e);
        }
    }

    /**
     * The wire JSON as UTF-8 bytes: {@link #write}'s text, encoded, except that a character beyond
     * U+FFFF is escaped as its two surrogates (<code>&#92;uD83D&#92;uDE00</code>), as Jackson's byte
     * writer always wrote it.
     */
    public static byte[] writeBytes(Development development) {
        Objects.requireNonNull(development, "development");
        return DevelopmentWriter.bytes(development);
    }

    /** The wire JSON as a tree, exactly what {@link #write} writes. */
    public static ObjectNode toTree(Development development) {
        // through the text, so that numbers come out as the text has them (1000, not 1E+3)
        return JsonTrees.parse(write(development));
    }

    private static Development bind(JsonNode tree) {
        JsonProblems.typeOf(tree, "type");
        try {
            return READER.readValue(tree);
        } catch (InvalidDevelopmentException e) {
            throw e;
        } catch (IOException e) {
            throw JsonProblems.translate(e, tree);
        }
    }

    private static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // after JavaTimeModule, so that its date handling is replaced by the wire's
                .addModule(JavaTimeWire.module())
                .addModule(WireEnums.module())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // no scalar turns into another: 5 is not "5", "5" is not 5, "" is not a list
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Collection, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.POJO, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .build();
    }
}
