package org.diplomacytracker.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Enums of the wire (stance, format, kind…) accept only a JSON string: Jackson's enum creators
 * would read {@code 3} as {@code "3"} and refuse it with a misleading message.
 */
final class WireEnums {

    private WireEnums() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("diplomacy-tracker-wire-enums");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                boolean ours = type.getRawClass().getPackageName().equals(WireEnums.class.getPackageName());
                return ours ? new StringsOnly(deserializer, type.getRawClass()) : deserializer;
            }
        });
        return module;
    }

    private static final class StringsOnly extends DelegatingDeserializer {

        private final Class<?> enumType;

        StringsOnly(JsonDeserializer<?> delegate, Class<?> enumType) {
            super(delegate);
            this.enumType = enumType;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new StringsOnly(newDelegatee, enumType);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                InvalidDevelopmentException refusal = Texts.notOneOf(enumType.getEnumConstants(), null);
                String message = refusal.getMessage();
                throw new InvalidDevelopmentException(null,
                        message.substring(0, message.lastIndexOf(", got ")) + ", got " + JsonProblems.describe(p));
            }
            return super.deserialize(p, ctxt);
        }
    }
}
