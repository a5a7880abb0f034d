package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An area whose control is tracked. Written as a plain JSON string. */
public record AreaId(@JsonValue String value) implements Comparable<AreaId> {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public AreaId {
        Ids.require(value);
    }

    public static AreaId of(String value) {
        return new AreaId(value);
    }

    @Override
    public int compareTo(AreaId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
