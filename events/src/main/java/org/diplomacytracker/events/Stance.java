package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an actor stands on an issue or a proposal, ordered from −2 (rejects) to +2 (demands). */
public enum Stance {
    REJECTS("rejects", -2), OPPOSES("opposes", -1), OPEN("open", 0), SUPPORTS("supports", 1), DEMANDS("demands", 2);

    // values() copies its array on every call, and the wire is read once per field
    private static final Stance[] VALUES = values();

    private final String wireName;
    private final int score;

    Stance(String wireName, int score) {
        this.wireName = wireName;
        this.score = score;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** −2 … +2. */
    public int score() {
        return score;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Stance fromWire(String name) {
        for (Stance s : VALUES) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw Texts.notOneOf(values(), name);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
