package org.diplomacytracker.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON text to tree: one object, nothing after it, no key twice. Built here rather than
 * with {@code readTree} so that a duplicate key is refused with its path, numbers keep their exact
 * decimal value, and no parser message reaches the user.
 */
final class JsonTrees {

    /** Jackson's defaults are the strict ones: no comments, no single quotes, no NaN. */
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String AFTER = "unexpected content after the development";
    private static final String TRUNCATED = "the JSON ends before the development is complete";

    private final JsonParser parser;
    private final int length;

    private JsonTrees(JsonParser parser, int length) {
        this.parser = parser;
        this.length = length;
    }

    static ObjectNode parse(byte[] json) {
        return parse(decodeUtf8(json));
    }

    static ObjectNode parse(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonTrees reader = new JsonTrees(parser, json.length());
            try {
                return reader.readDevelopment();
            } catch (JsonProcessingException e) {
                throw reader.malformed(e);
            }
        } catch (IOException e) {
            // a String source cannot fail to read
            throw new UncheckedIOException(e);
        }
    }

    private static String decodeUtf8(byte[] json) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(json);
        CharBuffer out = CharBuffer.allocate(json.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidDevelopmentException(null,
                    "the body is not valid UTF-8 (bad byte at offset " + in.position() + ")");
        }
        out.flip();
        // RFC 8259 lets a parser ignore a byte order mark
        if (out.hasRemaining() && out.charAt(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString();
    }

    private ObjectNode readDevelopment() throws IOException {
        JsonToken first = next();
        if (first == null) {
            throw new InvalidDevelopmentException(null, "the body is empty: a development must be a JSON object");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidDevelopmentException(null, "a development must be a JSON object, got " + describe(first));
        }
        ObjectNode development = readObject("");
        JsonToken extra;
        try {
            extra = parser.nextToken();
        } catch (StreamReadException e) {
            throw malformed(e.getLocation(), AFTER);
        }
        if (extra != null) {
            throw malformed(parser.currentTokenLocation(), AFTER);
        }
        return development;
    }

    private ObjectNode readObject(String path) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (JsonToken token = next(); token != JsonToken.END_OBJECT; token = next()) {
            String name = parser.currentName();
            String member = path.isEmpty() ? name : path + "." + name;
            if (object.has(name)) {
                String shown = Texts.shorten(member);
                throw new InvalidDevelopmentException(shown, shown + " appears twice; give each field once");
            }
            object.set(name, readValue(next(), member));
        }
        return object;
    }

    private ArrayNode readArray(String path) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = next(); token != JsonToken.END_ARRAY; token = next()) {
            array.add(readValue(token, path + "." + array.size()));
        }
        return array;
    }

    private JsonNode readValue(JsonToken token, String path) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(path);
            case START_ARRAY -> readArray(path);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw malformed(parser.currentTokenLocation(), null);
        };
    }

    private JsonToken next() throws IOException {
        return parser.nextToken();
    }

    /** Where the text stops being JSON; the parser's own words stay out of it. */
    private InvalidDevelopmentException malformed(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return malformed(parser.currentLocation(), "a value is too long or nested too deeply");
        }
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        // not every end of input is reported as such (one right after a comma is not)
        boolean atEnd = e instanceof JsonEOFException || at.getCharOffset() >= length;
        return malformed(at, atEnd ? TRUNCATED : null);
    }

    private static InvalidDevelopmentException malformed(JsonLocation at, String why) {
        String where = at == null || at.getLineNr() < 1
                ? "malformed JSON"
                : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new InvalidDevelopmentException(null, why == null ? where : where + ": " + why);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }
}
