package org.diplomacytracker.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns what Jackson reports while binding a tree into an {@link InvalidDevelopmentException}
 * that names the field by its dotted path and says what was expected, in the user's terms. No
 * Jackson message or class name is passed on.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    static InvalidDevelopmentException translate(IOException problem, JsonNode tree) {
        List<String> path = pathOf(problem);
        String dotted = String.join(".", path);
        InvalidDevelopmentException own = causeOf(problem);
        if (own != null) {
            return own.under(dotted);
        }
        if (problem instanceof InvalidDefinitionException) {
            // our mapping is broken, not the user's development
            throw new IllegalStateException("the development mapping is broken", problem);
        }
        JsonNode found = nodeAt(tree, path);
        if (problem instanceof UnrecognizedPropertyException unknown) {
            String field = Texts.shorten(dotted);
            return new InvalidDevelopmentException(field, field + " is not a field of "
                    + owner(unknown.getReferringClass()) + "; its fields are " + fieldsOf(unknown.getReferringClass()));
        }
        if (problem instanceof InvalidTypeIdException) {
            if (!found.isObject()) {
                return problem(dotted, "must be a JSON object (a full development with its own type), got "
                        + describe(found));
            }
            return typeProblem(dotted.isEmpty() ? "type" : dotted + ".type", found.get("type"));
        }
        if (problem instanceof MismatchedInputException mismatch) {
            return problem(dotted, "must be " + expected(mismatch.getTargetType()) + ", got " + describe(found));
        }
        if (problem instanceof InputCoercionException || problem.getCause() instanceof InputCoercionException) {
            return problem(dotted, "is out of range, got " + describe(found));
        }
        return problem(dotted, "could not be read");
    }

    /** Checks {@code type} itself, so that an unknown type is named as such, with the valid ones. */
    static DevelopmentType typeOf(JsonNode development, String field) {
        JsonNode type = development.get("type");
        if (type != null && type.isTextual()) {
            DevelopmentType known = DevelopmentType.byWireName(type.textValue()).orElse(null);
            if (known != null) {
                return known;
            }
        }
        throw typeProblem(field, type);
    }

    private static InvalidDevelopmentException typeProblem(String field, JsonNode type) {
        String valid = Arrays.stream(DevelopmentType.values()).map(DevelopmentType::wireName)
                .collect(Collectors.joining(", "));
        if (type == null || type.isNull()) {
            return new InvalidDevelopmentException(field, field + " is required: one of " + valid);
        }
        if (!type.isTextual()) {
            return new InvalidDevelopmentException(field,
                    field + " must be a string, one of " + valid + ", got " + describe(type));
        }
        return new InvalidDevelopmentException(field,
                field + " must be one of " + valid + ", got '" + Texts.shorten(type.textValue()) + "'");
    }

    private static InvalidDevelopmentException problem(String field, String message) {
        return field.isEmpty()
                ? new InvalidDevelopmentException(null, "the development " + message)
                : new InvalidDevelopmentException(field, field + " " + message);
    }

    private static List<String> pathOf(IOException problem) {
        List<String> path = new ArrayList<>();
        if (problem instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            for (JsonMappingException.Reference step : mapping.getPath()) {
                path.add(step.getFieldName() != null ? step.getFieldName() : String.valueOf(step.getIndex()));
            }
        } else if (!(problem instanceof JsonMappingException)
                && problem instanceof JsonProcessingException processing
                && processing.getProcessor() instanceof JsonParser parser
                && parser.getParsingContext() != null) {
            // a number out of range is reported by the parser, which still knows where it stands
            for (JsonPointer at = parser.getParsingContext().pathAsPointer(); !at.matches(); at = at.tail()) {
                path.add(at.getMatchingProperty());
            }
        }
        return path;
    }

    private static InvalidDevelopmentException causeOf(Throwable problem) {
        for (Throwable t = problem; t != null; t = t.getCause()) {
            if (t instanceof InvalidDevelopmentException own) {
                return own;
            }
        }
        return null;
    }

    private static JsonNode nodeAt(JsonNode tree, List<String> path) {
        JsonNode node = tree;
        for (String step : path) {
            node = node.isArray() && step.matches("\\d{1,9}") ? node.path(Integer.parseInt(step)) : node.path(step);
        }
        return node;
    }

    private static String owner(Class<?> type) {
        if (type == null) {
            return "this object";
        }
        return DevelopmentType.byClass(type).map(DevelopmentType::wireName)
                .orElse("a " + type.getSimpleName().toLowerCase());
    }

    private static String fieldsOf(Class<?> type) {
        if (type == null || !type.isRecord()) {
            return "listed in the wire contract";
        }
        List<String> names = new ArrayList<>();
        for (var component : type.getRecordComponents()) {
            names.add(component.getName());
            if (Development.class.isAssignableFrom(type) && component.getName().equals("process")) {
                names.add("type");
            }
        }
        return String.join(", ", names);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class || type == DevelopmentId.class || type == ProcessId.class
                || type == ActorId.class || type == IssueId.class || type == AreaId.class || type == ProposalId.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == BigDecimal.class) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    static String describe(JsonNode node) {
        if (node == null || node instanceof MissingNode) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "the string '" + Texts.shorten(node.textValue()) + "'";
        }
        if (node.isNumber()) {
            return "the number " + Texts.shorten(node.asText());
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        return node.isArray() ? "an array" : "an object";
    }

    static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "the number " + Texts.shorten(parser.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "the boolean " + parser.getText();
            case VALUE_NULL:
                return "null";
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
            case FIELD_NAME:
                return "an object";
            default:
                return "the string '" + Texts.shorten(parser.getText()) + "'";
        }
    }
}
