package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An issue under negotiation (a frontline freeze, NATO membership…). Written as a plain JSON string. */
public record IssueId(@JsonValue String value) implements Comparable<IssueId> {

    /** Shared instances of the ids that repeat in every development. */
    private static final Canonical<IssueId> CANONICAL = new Canonical<>(4096, IssueId::value);

    public IssueId {
        Ids.require(value);
    }

    /** The id, validated; a shared instance when the same id was read recently. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static IssueId of(String value) {
        return CANONICAL.of(value, IssueId::new);
    }

    @Override
    public int compareTo(IssueId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
