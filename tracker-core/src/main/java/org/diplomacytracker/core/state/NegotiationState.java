package org.diplomacytracker.core.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
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
        actors = FrozenMap.of(actors);
        issues = FrozenMap.of(issues);
        envoys = FrozenMap.of(envoys);
        if (!(positions instanceof FrozenMap) || !positions.values().stream().allMatch(m -> m instanceof FrozenMap)) {
            TreeMap<String, SortedMap<String, Entries.Position>> p = new TreeMap<>();
            positions.forEach((actor, byIssue) -> p.put(actor, FrozenMap.of(byIssue)));
            positions = FrozenMap.adopt(p);
        }
        proposals = FrozenMap.of(proposals);
        territory = FrozenMap.of(territory);
        commitments = FrozenMap.of(commitments);
        talks = FrozenMap.of(talks);
    }

    /** The same entries, answered at another instant and offset: O(1), nothing is copied. */
    NegotiationState reissued(Instant knownAt, long offset) {
        return new NegotiationState(process, asOfDate, knownAt, offset, actors, issues, envoys, positions, proposals,
                territory, commitments, talks);
    }

    /** The date as written on the wire: the ISO date, or "latest" when there is no date limit. */
    @JsonProperty("asOf")
    public String asOf() {
        return asOfDate == null ? "latest" : asOfDate.toString();
    }
}
