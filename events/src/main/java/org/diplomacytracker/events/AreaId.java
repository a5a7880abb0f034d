package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An area whose control is tracked. Written as a plain JSON string. */
public record AreaId(@JsonValue String value) implements Comparable<AreaId> {

    /** Shared instances of the ids that repeat in every development. */
    private static final Canonical<AreaId> CANONICAL = new Canonical<>(4096, AreaId::value);

    public AreaId {
        Ids.require(value);
    }

    /** The id, validated; a shared instance when the same id was read recently. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AreaId of(String value) {
        return CANONICAL.of(value, AreaId::new);
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
