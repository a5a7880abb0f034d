package org.diplomacytracker.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.core.testing.Developments.dev;
import static org.diplomacytracker.core.testing.Developments.json;
import static org.diplomacytracker.core.testing.Developments.opening;
import static org.diplomacytracker.core.testing.Developments.stance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each rule of DESIGN.md's "How a state is computed", on its own. */
class StateRulesTest extends RecordedIndexFixture {

    private NegotiationState at(String asOf) {
        return index.state(P, asOf == null ? null : LocalDate.parse(asOf), null).orElseThrow();
    }

    private NegotiationState at(String asOf, Instant knownAt) {
        return index.state(P, asOf == null ? null : LocalDate.parse(asOf), knownAt).orElseThrow();
    }

    private static String stanceIn(NegotiationState s, String actor, String issue) {
        var byIssue = s.positions().get(actor);
        return byIssue == null || byIssue.get(issue) == null ? null : byIssue.get(issue).stance();
    }

    @Test
    void occurredOnDecidesAsOf() {
        record(stance(P, "s1", "2020-02-01", "north", "border", "demands"));
        assertThat(stanceIn(at("2020-01-31"), "north", "border")).isNull();
        assertThat(stanceIn(at("2020-02-01"), "north", "border")).isEqualTo("demands");
        assertThat(stanceIn(at(null), "north", "border")).isEqualTo("demands");
    }

    @Test
    void recordedAtDecidesKnownAt() {
        Instant before = now;
        Instant recorded = record(stance(P, "s1", "2020-02-01", "north", "border", "demands"));
        assertThat(stanceIn(at(null, before), "north", "border")).isNull();
        assertThat(stanceIn(at(null, recorded), "north", "border")).isEqualTo("demands");
        assertThat(at(null, before).offset()).isEqualTo(7);
        assertThat(at(null, recorded).offset()).isEqualTo(8);
    }

    @Test
    void aBackfillFillsThePastButNeverOverridesALaterDatedStatement() {
        record(stance(P, "later", "2020-03-01", "north", "border", "demands"));
        record(stance(P, "backfill", "2020-02-01", "north", "border", "open"));
        assertThat(stanceIn(at("2020-02-15"), "north", "border")).isEqualTo("open");
        assertThat(stanceIn(at("2020-03-01"), "north", "border")).isEqualTo("demands");
        assertThat(stanceIn(at(null), "north", "border")).isEqualTo("demands");
    }

    @Test
    void sameDayDevelopmentsResolveByRecordedOrder() {
        record(stance(P, "first", "2020-03-01", "north", "border", "demands"));
        record(stance(P, "second", "2020-03-01", "north", "border", "opposes"));
        assertThat(stanceIn(at("2020-03-01"), "north", "border")).isEqualTo("opposes");
    }

    @Test
    void aRetractionRemovesItsTargetAtEveryDateFromTheMomentItWasRecorded() {
        record(stance(P, "s1", "2020-02-01", "north", "border", "demands"));
        Instant beforeRetraction = now;
        record(dev(P, "r1", "DevelopmentRetracted", "2020-06-01", "\"target\":\"s1\",\"reason\":\"denied\""));
        assertThat(stanceIn(at("2020-03-01"), "north", "border")).as("retracted at a date before the retraction's own")
                .isNull();
        assertThat(stanceIn(at("2020-03-01", beforeRetraction), "north", "border")).isEqualTo("demands");
        record(dev(P, "r2", "DevelopmentRetracted", "2020-06-02", "\"target\":\"r1\",\"reason\":\"it was true\""));
        assertThat(stanceIn(at("2020-03-01"), "north", "border")).as("the retraction retracted").isEqualTo("demands");
    }

    @Test
    void aCorrectionReplacesItsTargetIncludingAChangedDate() {
        record(stance(P, "s1", "2020-02-01", "north", "border", "demands"));
        Instant beforeCorrection = now;
        record(dev(P, "c1", "DevelopmentCorrected", "2020-06-01", "\"target\":\"s1\",\"replacement\":"
                + json(P, "s1", "PositionStated", "2020-04-01", "\"actor\":\"north\",\"issue\":\"border\","
                + "\"stance\":\"supports\"")));
        assertThat(stanceIn(at("2020-03-01"), "north", "border")).as("the replacement counts from its own date")
                .isNull();
        assertThat(at("2020-04-01").positions().get("north").get("border"))
                .satisfies(p -> {
                    assertThat(p.stance()).isEqualTo("supports");
                    assertThat(p.since()).isEqualTo(LocalDate.parse("2020-04-01"));
                    assertThat(p.development()).isEqualTo("s1");
                });
        assertThat(stanceIn(at("2020-03-01", beforeCorrection), "north", "border")).isEqualTo("demands");
    }

    @Test
    void aCorrectionKeepsItsTargetsPlaceInRecordedOrder() {
        record(stance(P, "s1", "2020-03-01", "north", "border", "demands"));
        record(stance(P, "s2", "2020-03-01", "north", "border", "opposes"));
        record(correctionOfS1("c1", "2020-06-01", "supports"));
        assertThat(stanceIn(at("2020-03-01"), "north", "border")).as("s2 still comes after s1 on that day")
                .isEqualTo("opposes");
    }

    @Test
    void aCorrectionCanMoveAPositionToAnotherIssue() {
        record(stance(P, "s1", "2020-03-01", "north", "border", "demands"));
        record(dev(P, "c1", "DevelopmentCorrected", "2020-06-01", "\"target\":\"s1\",\"replacement\":"
                + json(P, "s1", "PositionStated", "2020-03-01", "\"actor\":\"north\",\"issue\":\"prisoners\","
                + "\"stance\":\"demands\"")));
        assertThat(stanceIn(at(null), "north", "border")).isNull();
        assertThat(stanceIn(at(null), "north", "prisoners")).isEqualTo("demands");
        var history = index.history(P, "north", "border", null).history();
        assertThat(history.versions()).singleElement().satisfies(v -> assertThat(v.correctedBy()).isEqualTo("c1"));
    }

    /** A correction of s1 (north on the border, 1 March 2020) to {@code stance}. */
    private static Development correctionOfS1(String id, String occurredOn, String stance) {
        return dev(P, id, "DevelopmentCorrected", occurredOn, "\"target\":\"s1\",\"replacement\":"
                + json(P, "s1", "PositionStated", "2020-03-01", "\"actor\":\"north\",\"issue\":\"border\","
                + "\"stance\":\"" + stance + "\""));
    }

    @Test
    void aHistoryMarksEachVersionWithWhatCorrectedItAndNothingElse() {
        record(stance(P, "s1", "2020-03-01", "north", "border", "demands"));
        record(correctionOfS1("c1", "2020-06-01", "supports"));
        record(correctionOfS1("c2", "2020-06-02", "open"));
        var whileC2Stood = index.history(P, "north", "border", null).history().versions();
        assertThat(whileC2Stood).extracting(v -> v.stance() + " corrected by " + v.correctedBy())
                .containsExactly("demands corrected by c2", "supports corrected by c2", "open corrected by null");

        record(dev(P, "r2", "DevelopmentRetracted", "2020-06-03", "\"target\":\"c2\",\"reason\":\"wrong\""));
        var versions = index.history(P, "north", "border", null).history().versions();
        assertThat(versions).extracting(v -> v.stance() + " corrected by " + v.correctedBy()
                        + ", retracted by " + v.retractedBy())
                .as("c1 stands again: it corrects the original, not c2's version, which r2 retracted")
                .containsExactly("demands corrected by c1, retracted by null", "supports corrected by null, retracted by null",
                        "open corrected by null, retracted by r2");
    }

    @Test
    void aWithdrawnProposalStaysVisibleWithItsStatus() {
        record(dev(P, "plan", "ProposalTabled", "2020-02-01", "\"proposal\":\"plan\",\"title\":\"Plan\","
                + "\"sponsor\":\"envoy-x\",\"provisions\":[{\"issue\":\"border\",\"term\":\"A line\"}]"));
        record(dev(P, "plan-2", "ProposalAmended", "2020-03-01", "\"proposal\":\"plan\",\"provisions\":[]"));
        record(dev(P, "plan-out", "ProposalWithdrawn", "2020-04-01", "\"proposal\":\"plan\",\"reason\":\"rejected\""));
        record(dev(P, "north-on-plan", "PositionStated", "2020-02-10",
                "\"actor\":\"north\",\"proposal\":\"plan\",\"stance\":\"supports\""));
        record(dev(P, "south-on-plan", "PositionStated", "2020-02-11",
                "\"actor\":\"south\",\"proposal\":\"plan\",\"stance\":\"rejects\""));
        assertThat(at("2020-02-15").proposals().get("plan")).satisfies(p -> {
            assertThat(p.status()).isEqualTo("tabled");
            assertThat(p.provisions()).hasSize(1);
            assertThat(p.support()).containsExactly("north");
            assertThat(p.opposition()).containsExactly("south");
        });
        assertThat(at("2020-03-15").proposals().get("plan").status()).isEqualTo("amended");
        assertThat(at("2020-04-01").proposals().get("plan")).satisfies(p -> {
            assertThat(p.status()).isEqualTo("withdrawn");
            assertThat(p.since()).isEqualTo(LocalDate.parse("2020-04-01"));
        });
        assertThat(at(null).positions()).as("stances on proposals are not positions").isEmpty();
    }

    @Test
    void anEnvoyWhoLeftIsGoneFromThatDate() {
        record(dev(P, "in", "EnvoyAppointed", "2020-02-01",
                "\"person\":\"envoy-x\",\"office\":\"Envoy\",\"appointedBy\":\"north\",\"represents\":\"north\""));
        record(dev(P, "out", "EnvoyLeft", "2020-05-01", "\"person\":\"envoy-x\",\"office\":\"Envoy\""));
        assertThat(at("2020-04-30").envoys()).containsKey("envoy-x");
        assertThat(at("2020-05-01").envoys()).isEmpty();
    }

    @Test
    void convergenceIsOneMinusTheSpreadOfThePartiesStancesOverFour() {
        record(stance(P, "n", "2020-02-01", "north", "border", "demands"));
        assertThat(at(null).issues().get("border").convergence()).as("one party only").isNull();
        record(stance(P, "s", "2020-02-02", "south", "border", "opposes"));
        record(stance(P, "e", "2020-02-03", "envoy-x", "border", "rejects"));
        assertThat(at(null).issues().get("border").convergence()).as("non-parties do not count").isEqualTo(0.25);
    }

    @Test
    void anAnswerNeverShowsAnEventWhileMissingAnEarlierOne() {
        long head = offset;
        clock.set(now); // the hole is fresh: a transaction may still commit into it
        index.apply(stance(P, "late-commit", "2020-02-01", "north", "border", "demands"), head + 2, now);
        assertThat(at(null).offset()).as("offset %d is still in flight", head + 1).isEqualTo(head);
        assertThat(stanceIn(at(null), "north", "border")).isNull();
        index.apply(stance(P, "early-commit", "2020-02-01", "south", "border", "rejects"), head + 1, now);
        assertThat(at(null).offset()).isEqualTo(head + 2);
        assertThat(stanceIn(at(null), "north", "border")).isEqualTo("demands");
    }

    @Test
    void aNumberTheStoreSkippedHoldsAnswersBackOnlyForTheGrace() {
        long head = offset;
        clock.set(now);
        index.apply(stance(P, "after-a-skip", "2020-02-01", "north", "border", "demands"), head + 2, now);
        assertThat(at(null).offset()).isEqualTo(head);
        clock.set(now.plusSeconds(4));
        assertThat(at(null).offset()).isEqualTo(head + 2);
        assertThat(stanceIn(at(null), "north", "border")).isEqualTo("demands");
    }

    @Test
    void aDiffListsEveryEntryThatDiffers() {
        record(stance(P, "s1", "2020-02-01", "north", "border", "demands"));
        record(stance(P, "s2", "2020-03-01", "north", "border", "opposes"));
        var diff = index.diff(P, LocalDate.parse("2020-02-15"), LocalDate.parse("2020-03-15"), null).orElseThrow();
        assertThat(diff.changes()).singleElement().satisfies(c -> {
            assertThat(c.section()).isEqualTo("positions");
            assertThat(c.key()).isEqualTo("north/border");
            assertThat(((Entries.Position) c.before()).stance()).isEqualTo("demands");
            assertThat(((Entries.Position) c.after()).stance()).isEqualTo("opposes");
        });
    }
}
