package org.diplomacytracker.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.core.testing.Developments.PROCESS;
import static org.diplomacytracker.core.testing.Developments.dev;
import static org.diplomacytracker.core.testing.Developments.json;
import static org.diplomacytracker.core.testing.Developments.opening;
import static org.diplomacytracker.core.testing.Developments.stance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-worked examples that pin the oracle ({@link NaiveState}) to DESIGN.md, so that the property
 * comparing it with the index does not just compare two mistakes. Each example is asked of the
 * oracle and of the index alike.
 */
class StateIndexNaiveOracleExamplesTest {

    private static final Instant T0 = Instant.parse("2024-12-01T08:00:00Z");

    /** Either implementation, answering a question about the events it was given. */
    private interface Answers {
        NegotiationState state(LocalDate asOf, Instant knownAt);
    }

    private static Answers answers(String which, List<NaiveState.Event> events) {
        if (which.equals("oracle")) {
            NaiveState oracle = new NaiveState(events);
            return (asOf, knownAt) -> oracle.state(PROCESS, asOf, knownAt).orElseThrow();
        }
        StateIndex index = new StateIndex();
        for (NaiveState.Event e : events) {
            index.apply(e.development(), e.offset(), e.recordedAt());
        }
        return (asOf, knownAt) -> index.state(PROCESS, asOf, knownAt).orElseThrow();
    }

    /** The opening (offsets 1–7), then the given developments at offsets 10, 11, 12… one second apart. */
    private static List<NaiveState.Event> history(Development... developments) {
        List<NaiveState.Event> events = new ArrayList<>();
        long offset = 1;
        for (Development d : opening(PROCESS)) {
            events.add(new NaiveState.Event(d, offset, T0.plusSeconds(offset)));
            offset++;
        }
        offset = 10;
        for (Development d : developments) {
            events.add(new NaiveState.Event(d, offset, T0.plusSeconds(offset)));
            offset++;
        }
        return events;
    }

    private static Instant recorded(long offset) {
        return T0.plusSeconds(offset);
    }

    private static LocalDate day(int d) {
        return LocalDate.of(2020, 1, d);
    }

    private static Entries.Position position(String stance, int day, String development) {
        return new Entries.Position(stance, day(day), null, null, null, development);
    }

    @SafeVarargs
    private static Map<String, Map<String, Entries.Position>> positions(Map.Entry<String, Map<String, Entries.Position>>... entries) {
        Map<String, Map<String, Entries.Position>> m = new TreeMap<>();
        for (var e : entries) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"oracle", "index"})
    void sameDayCollisionIsResolvedByRecordedOrderAndABackfillOnlyFillsThePast(String which) {
        Answers a = answers(which, history(
                stance(PROCESS, "north-supports", "2020-01-05", "north", "border", "supports"), // @10
                stance(PROCESS, "north-opposes", "2020-01-05", "north", "border", "opposes"),   // @11, same day, later
                stance(PROCESS, "north-backfill", "2020-01-04", "north", "border", "demands"),  // @12, a day earlier
                stance(PROCESS, "south-demands", "2020-01-03", "south", "border", "demands"))); // @13

        NegotiationState latest = a.state(null, null);
        assertThat(latest.offset()).isEqualTo(13);
        assertThat(latest.positions()).isEqualTo(positions(
                Map.entry("north", Map.of("border", position("opposes", 5, "north-opposes"))),
                Map.entry("south", Map.of("border", position("demands", 3, "south-demands")))));
        // parties north (opposes, −1) and south (demands, +2): 1 − 3/4
        assertThat(latest.issues().get("border").convergence()).isEqualTo(0.25);
        assertThat(latest.issues().get("prisoners").convergence()).isNull();

        NegotiationState on4th = a.state(day(4), null);
        assertThat(on4th.positions()).isEqualTo(positions(
                Map.entry("north", Map.of("border", position("demands", 4, "north-backfill"))),
                Map.entry("south", Map.of("border", position("demands", 3, "south-demands")))));
        assertThat(on4th.issues().get("border").convergence()).isEqualTo(1.0);

        NegotiationState knownAtFirst = a.state(null, recorded(10));
        assertThat(knownAtFirst.offset()).isEqualTo(10);
        assertThat(knownAtFirst.positions()).isEqualTo(positions(
                Map.entry("north", Map.of("border", position("supports", 5, "north-supports")))));
        assertThat(knownAtFirst.issues().get("border").convergence()).isNull();

        // just before the first stance was recorded: the opening only, its last offset
        NegotiationState before = a.state(null, recorded(10).minusNanos(1));
        assertThat(before.offset()).isEqualTo(7);
        assertThat(before.positions()).isEmpty();
        assertThat(before.actors()).containsOnlyKeys("north", "south", "envoy-x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oracle", "index"})
    void aCorrectionMovesAPositionToAnotherIssueAndDate(String which) {
        Answers a = answers(which, history(
                stance(PROCESS, "north-border", "2020-01-05", "north", "border", "supports"),   // @10
                dev("fix-north", "DevelopmentCorrected", "2020-01-06",                           // @11
                        "\"target\":\"north-border\",\"replacement\":" + json(PROCESS, "north-border",
                                "PositionStated", "2020-01-03",
                                "\"actor\":\"north\",\"issue\":\"prisoners\",\"stance\":\"rejects\""))));

        NegotiationState latest = a.state(null, null);
        assertThat(latest.offset()).isEqualTo(11);
        // the replacement keeps the target's id; its own date decides from when it counts
        assertThat(latest.positions()).isEqualTo(positions(
                Map.entry("north", Map.of("prisoners", position("rejects", 3, "north-border")))));

        assertThat(a.state(day(3), null).positions()).isEqualTo(latest.positions());
        assertThat(a.state(day(2), null).positions()).isEmpty();

        NegotiationState before = a.state(day(5), recorded(10));
        assertThat(before.offset()).isEqualTo(10);
        assertThat(before.positions()).isEqualTo(positions(
                Map.entry("north", Map.of("border", position("supports", 5, "north-border")))));
        assertThat(a.state(day(4), recorded(10)).positions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"oracle", "index"})
    void retractingARetractionRestoresItsTargetAndRetractingThatAgainRemovesIt(String which) {
        Answers a = answers(which, history(
                stance(PROCESS, "north-border", "2020-01-05", "north", "border", "supports"),   // @10
                dev("retract-1", "DevelopmentRetracted", "2020-01-06",                           // @11
                        "\"target\":\"north-border\",\"reason\":\"no such statement\""),
                dev("retract-2", "DevelopmentRetracted", "2020-01-07",                           // @12
                        "\"target\":\"retract-1\",\"reason\":\"the statement was made after all\""),
                dev("retract-3", "DevelopmentRetracted", "2020-01-08",                           // @13
                        "\"target\":\"retract-2\",\"reason\":\"it was not\"")));

        var there = positions(Map.entry("north", Map.of("border", position("supports", 5, "north-border"))));
        assertThat(a.state(null, recorded(10)).positions()).isEqualTo(there);
        assertThat(a.state(null, recorded(11)).positions()).isEmpty();
        assertThat(a.state(null, recorded(12)).positions()).isEqualTo(there);
        // a retraction's own date is informational: as of the 5th, as known at @12, it is there
        assertThat(a.state(day(5), recorded(12)).positions()).isEqualTo(there);
        assertThat(a.state(null, recorded(13)).positions()).isEmpty();
        assertThat(a.state(null, null).positions()).isEmpty();
        assertThat(a.state(null, null).offset()).isEqualTo(13);
    }
}
