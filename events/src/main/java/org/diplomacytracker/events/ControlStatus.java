package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an area's controller holds it outright or disputes it. */
public enum ControlStatus {
    CONTROLLED("controlled"),
    CONTESTED("contested");

    // values() copies its array on every call, and the wire is read once per field
    private static final ControlStatus[] VALUES = values();

    private final String wireName;

    ControlStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ControlStatus fromWire(String name) {
        for (ControlStatus value : VALUES) {
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
