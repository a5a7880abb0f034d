package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A peace process, the unit of consistency: every development belongs to one. Written as a plain JSON string. */
public record ProcessId(@JsonValue String value) implements Comparable<ProcessId> {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ProcessId {
        Ids.require(value);
    }

    public static ProcessId of(String value) {
        return new ProcessId(value);
    }

    @Override
    public int compareTo(ProcessId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
