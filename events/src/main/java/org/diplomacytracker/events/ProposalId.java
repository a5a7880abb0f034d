package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A proposal tabled in the process. Written as a plain JSON string. */
public record ProposalId(@JsonValue String value) implements Comparable<ProposalId> {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ProposalId {
        Ids.require(value);
    }

    public static ProposalId of(String value) {
        return new ProposalId(value);
    }

    @Override
    public int compareTo(ProposalId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
