package org.diplomacytracker.core.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of one process as of a date ({@code asOf}; null = no date limit, written "latest"), as
 * known at an instant ({@code knownAt}), reflecting every event up to {@code offset} and none after.
 * Every map is sorted by key and unmodifiable.
 */
@JsonPropertyOrder({"process", "asOf", "knownAt", "offset", "actors", "issues", "envoys", "positions", "proposals",
        "territory", "commitments", "talks"})
public record NegotiationState(
        String process,
        @JsonIgnore LocalDate asOfDate,
        Instant knownAt,
        long offset,
        SortedMap<String, Entries.Actor> actors,
        SortedMap<String, Entries.Issue> issues,
        SortedMap<String, Entries.Envoy> envoys,
        SortedMap<String, SortedMap<String, Entries.Position>> positions,
        SortedMap<String, Entries.Proposal> proposals,
        SortedMap<String, Entries.Territory> territory,
        SortedMap<String, Entries.Commitment> commitments,
        SortedMap<String, Entries.Talks> talks) {

    public NegotiationState {
        actors = frozen(actors);
        issues = frozen(issues);
        envoys = frozen(envoys);
        TreeMap<String, SortedMap<String, Entries.Position>> p = new TreeMap<>();
        positions.forEach((actor, byIssue) -> p.put(actor, frozen(byIssue)));
        positions = Collections.unmodifiableSortedMap(p);
        proposals = frozen(proposals);
        territory = frozen(territory);
        commitments = frozen(commitments);
        talks = frozen(talks);
    }

    private static <V> SortedMap<String, V> frozen(SortedMap<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** The date as written on the wire: the ISO date, or "latest" when there is no date limit. */
    @JsonProperty("asOf")
    public String asOf() {
        return asOfDate == null ? "latest" : asOfDate.toString();
    }
}
