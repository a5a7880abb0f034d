package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A peace process, the unit of consistency: every development belongs to one. Written as a plain JSON string. */
public record ProcessId(@JsonValue String value) implements Comparable<ProcessId> {

    /** Shared instances of the ids that repeat in every development. */
    private static final Canonical<ProcessId> CANONICAL = new Canonical<>(4096, ProcessId::value);

    public ProcessId {
        Ids.require(value);
    }

    /** The id, validated; a shared instance when the same id was read recently. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ProcessId of(String value) {
        return CANONICAL.of(value, ProcessId::new);
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
