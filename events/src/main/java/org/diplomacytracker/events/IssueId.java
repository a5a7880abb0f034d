package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An issue under negotiation (a frontline freeze, NATO membership…). Written as a plain JSON string. */
public record IssueId(@JsonValue String value) implements Comparable<IssueId> {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public IssueId {
        Ids.require(value);
    }

    public static IssueId of(String value) {
        return new IssueId(value);
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
