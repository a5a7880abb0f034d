package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An actor: a state, an organisation, a person or a group. Written as a plain JSON string. */
public record ActorId(@JsonValue String value) implements Comparable<ActorId> {

    /** Shared instances of the ids that repeat in every development. */
    private static final Canonical<ActorId> CANONICAL = new Canonical<>(4096, ActorId::value);

    public ActorId {
        Ids.require(value);
    }

    /** The id, validated; a shared instance when the same id was read recently. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ActorId of(String value) {
        return CANONICAL.of(value, ActorId::new);
    }

    @Override
    public int compareTo(ActorId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
