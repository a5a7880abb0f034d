package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of actor an {@code ActorRegistered} introduces. */
public enum ActorKind {
    STATE("state"),
    ORGANISATION("organisation"),
    PERSON("person"),
    GROUP("group");

    // values() copies its array on every call, and the wire is read once per field
    private static final ActorKind[] VALUES = values();

    private final String wireName;

    ActorKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ActorKind fromWire(String name) {
        for (ActorKind value : VALUES) {
            if (value.wireName.equals(name)) {
                return value;
            }
        }
        throw Texts.notOneOf(values(), name);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
