package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How talks were held. */
public enum TalksFormat {
    BILATERAL("bilateral"),
    MULTILATERAL("multilateral"),
    SECRET("secret"),
    INDIRECT("indirect");

    // values() copies its array on every call, and the wire is read once per field
    private static final TalksFormat[] VALUES = values();

    private final String wireName;

    TalksFormat(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TalksFormat fromWire(String name) {
        for (TalksFormat value : VALUES) {
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
