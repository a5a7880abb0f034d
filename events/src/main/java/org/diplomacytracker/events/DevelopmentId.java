package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A development's id: the idempotency key, unique within its process. Written as a plain JSON string. */
public record DevelopmentId(@JsonValue String value) implements Comparable<DevelopmentId> {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DevelopmentId {
        Ids.require(value);
    }

    public static DevelopmentId of(String value) {
        return new DevelopmentId(value);
    }

    @Override
    public int compareTo(DevelopmentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
