package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A proposal tabled in the process. Written as a plain JSON string. */
public record ProposalId(@JsonValue String value) implements Comparable<ProposalId> {

    /** Shared instances of the ids that repeat in every development. */
    private static final Canonical<ProposalId> CANONICAL = new Canonical<>(4096, ProposalId::value);

    public ProposalId {
        Ids.require(value);
    }

    /** The id, validated; a shared instance when the same id was read recently. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ProposalId of(String value) {
        return CANONICAL.of(value, ProposalId::new);
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
