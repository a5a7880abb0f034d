package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an actor commits: troops, aid, money, a guarantee… */
public enum CommitmentKind {
    TROOPS("troops"),
    MILITARY_AID("military-aid"),
    FINANCIAL("financial"),
    GUARANTEE("guarantee"),
    SANCTIONS("sanctions"),
    RECONSTRUCTION("reconstruction");

    // values() copies its array on every call, and the wire is read once per field
    private static final CommitmentKind[] VALUES = values();

    private final String wireName;

    CommitmentKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CommitmentKind fromWire(String name) {
        for (CommitmentKind value : VALUES) {
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
