package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How far a commitment has gone, from considered to delivered (or withdrawn). */
public enum CommitmentStatus {
    CONSIDERED("considered"),
    PLEDGED("pledged"),
    DELIVERED("delivered"),
    WITHDRAWN("withdrawn");

    // values() copies its array on every call, and the wire is read once per field
    private static final CommitmentStatus[] VALUES = values();

    private final String wireName;

    CommitmentStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CommitmentStatus fromWire(String name) {
        for (CommitmentStatus value : VALUES) {
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
