package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An actor: a state, an organisation, a person or a group. Written as a plain JSON string. */
public record ActorId(@JsonValue String value) implements Comparable<ActorId> {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ActorId {
        Ids.require(value);
    }

    public static ActorId of(String value) {
        return new ActorId(value);
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
