package org.diplomacytracker.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
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

    private JsonTrees() {
    }

    static ObjectNode parse(byte[] json) {
        return parse(decodeUtf8(json));
    }

    static ObjectNode parse(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = next(parser);
            if (first == null) {
                throw new InvalidDevelopmentException(null, "the body is empty: a development must be a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidDevelopmentException(null,
                        "a development must be a JSON object, got " + describe(first));
            }
            ObjectNode root = readObject(parser, "");
            JsonToken extra;
            try {
                extra = parser.nextToken();
            } catch (StreamReadException e) {
                throw malformed(e.getLocation(), "unexpected content after the development");
            }
            if (extra != null) {
                throw malformed(parser.currentTokenLocation(), "unexpected content after the development");
            }
            return root;
        } catch (IOException e) {
            // a String source cannot fail to read; parse problems are handled in next()
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

    private static ObjectNode readObject(JsonParser parser, String path) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (JsonToken token = next(parser); token != JsonToken.END_OBJECT; token = next(parser)) {
            String name = parser.currentName();
            String member = path.isEmpty() ? name : path + "." + name;
            if (object.has(name)) {
                String shown = Texts.shorten(member);
                throw new InvalidDevelopmentException(shown, shown + " appears twice; give each field once");
            }
            object.set(name, readValue(parser, next(parser), member));
        }
        return object;
    }

    private static ArrayNode readArray(JsonParser parser, String path) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = next(parser); token != JsonToken.END_ARRAY; token = next(parser)) {
            array.add(readValue(parser, token, path + "." + array.size()));
        }
        return array;
    }

    private static JsonNode readValue(JsonParser parser, JsonToken token, String path) throws IOException {
        switch (token) {
            case START_OBJECT:
                return readObject(parser, path);
            case START_ARRAY:
                return readArray(parser, path);
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(decimal(parser));
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw malformed(parser.currentTokenLocation(), null);
        }
    }

    private static java.math.BigDecimal decimal(JsonParser parser) throws IOException {
        try {
            return parser.getDecimalValue();
        } catch (StreamReadException e) {
            throw malformed(e.getLocation(), "the number is too long");
        }
    }

    /** The next token, or a refusal that says where the text stops being JSON. */
    private static JsonToken next(JsonParser parser) throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonEOFException e) {
            throw malformed(e.getLocation(), "the JSON ends before the development is complete");
        } catch (StreamConstraintsException e) {
            throw malformed(parser.currentLocation(), "a value is too long or nested too deeply");
        } catch (StreamReadException e) {
            throw malformed(e.getLocation(), null);
        }
    }

    private static InvalidDevelopmentException malformed(JsonLocation at, String why) {
        String where = at == null || at.getLineNr() < 1
                ? "malformed JSON"
                : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new InvalidDevelopmentException(null, why == null ? where : where + ": " + why);
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return "something else";
        }
    }
}
