package org.diplomacytracker.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Dates and instants on the wire: ISO strings only, both ways. The jsr310 module would also accept
 * numbers, arrays and date-times for a date, and write what its features say; the wire contract
 * allows one form.
 */
final class JavaTimeWire {

    private JavaTimeWire() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("diplomacy-tracker-java-time");
        module.addSerializer(LocalDate.class, new IsoSerializer<>(LocalDate.class, LocalDate::toString));
        module.addSerializer(Instant.class, new IsoSerializer<>(Instant.class, IsoTime::format));
        module.addDeserializer(LocalDate.class,
                new IsoDeserializer<>(LocalDate.class, IsoTime::parseDate, "an ISO date like 2024-11-27"));
        module.addDeserializer(Instant.class, new IsoDeserializer<>(Instant.class, IsoTime::parseInstant,
                "an ISO-8601 instant like 2024-11-28T09:00:00Z"));
        return module;
    }

    private static final class IsoSerializer<T> extends StdScalarSerializer<T> {

        private final Function<T, String> format;

        IsoSerializer(Class<T> type, Function<T, String> format) {
            super(type);
            this.format = format;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format.apply(value));
        }
    }

    private static final class IsoDeserializer<T> extends StdScalarDeserializer<T> {

        private final Function<String, T> parse;
        private final String expected;

        IsoDeserializer(Class<T> type, Function<String, T> parse, String expected) {
            super(type);
            this.parse = parse;
            this.expected = expected;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            // the reader puts the field's path in front of these messages
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new InvalidDevelopmentException(null, "must be " + expected + ", got " + JsonProblems.describe(p));
            }
            String text = p.getText();
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                throw new InvalidDevelopmentException(null,
                        "must be " + expected + ", got '" + Texts.shorten(text) + "'");
            }
        }
    }
}
