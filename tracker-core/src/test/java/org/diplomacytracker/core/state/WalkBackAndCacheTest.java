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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paths that answer without visiting every version: envoys and proposals walked back from the
 * latest version, and states served from the per-process cache. Every answer is also checked
 * against the naive replay ({@link NaiveState}).
 */
class WalkBackAndCacheTest extends RecordedIndexFixture {

    /** The index's answer, asked twice (the second from the cache), both checked against the replay. */
    private NegotiationState at(String asOf, Instant knownAt) {
        LocalDate date = asOf == null ? null : LocalDate.parse(asOf);
        NegotiationState expected = new NaiveState(events).state(P, date, knownAt).orElseThrow();
        NegotiationState first = index.state(P, date, knownAt).orElseThrow();
        NegotiationState again = index.state(P, date, knownAt).orElseThrow();
        assertThat(StateIndexMatchesNaiveReplayProperties.differences(expected, first, knownAt == null))
                .as("state(%s, %s) against the replay", asOf, knownAt).isEmpty();
        assertThat(StateIndexMatchesNaiveReplayProperties.differences(expected, again, knownAt == null))
                .as("state(%s, %s) asked again", asOf, knownAt).isEmpty();
        return first;
    }

    private NegotiationState at(String asOf) {
        return at(asOf, null);
    }

    private static Development appointed(String id, String date, String person, String office) {
        return dev(P, id, "EnvoyAppointed", date, "\"person\":\"" + person + "\",\"office\":\"" + office
                + "\",\"appointedBy\":\"north\",\"represents\":\"north\"");
    }

    private static Development left(String id, String date, String person, String office) {
        return dev(P, id, "EnvoyLeft", date, "\"person\":\"" + person + "\",\"office\":\"" + office + "\"");
    }

    private static Development retraction(String id, String target) {
        return dev(P, id, "DevelopmentRetracted", "2021-01-01", "\"target\":\"" + target + "\",\"reason\":\"no\"");
    }

    private static Development correction(String id, Development replacement) {
        return dev(P, id, "DevelopmentCorrected", "2021-01-01", "\"target\":\"" + replacement.id().value()
                + "\",\"replacement\":" + org.diplomacytracker.events.DevelopmentJson.write(replacement));
    }

    private static Development tabled(String id, String date, String proposal, String title, String term) {
        return dev(P, id, "ProposalTabled", date, "\"proposal\":\"" + proposal + "\",\"title\":\"" + title
                + "\",\"sponsor\":\"envoy-x\",\"provisions\":[{\"issue\":\"border\",\"term\":\"" + term + "\"}]");
    }

    private static Development amended(String id, String date, String proposal, String term) {
        return dev(P, id, "ProposalAmended", date, "\"proposal\":\"" + proposal
                + "\",\"provisions\":[{\"issue\":\"border\",\"term\":\"" + term + "\"}]");
    }

    private static Development withdrawn(String id, String date, String proposal) {
        return dev(P, id, "ProposalWithdrawn", date, "\"proposal\":\"" + proposal + "\"");
    }

    private static String office(NegotiationState s, String person) {
        Entries.Envoy e = s.envoys().get(person);
        return e == null ? null : e.office();
    }

    // ---------------------------------------------------------------- envoys

    @Test
    void envoyLeaveAndReappointWalksBackToTheDecidingAppointment() {
        record(appointed("a1", "2020-02-01", "envoy-x", "Envoy"));
        for (int i = 0; i < 5; i++) {
            record(stance(P, "noise" + i, "2020-02-0" + (2 + i), "north", "border", "open"));
        }
        record(left("l1", "2020-03-01", "envoy-x", "Envoy"));
        Instant beforeReappointment = now;
        record(appointed("a2", "2020-04-01", "envoy-x", "Mediator"));
        assertThat(office(at("2020-02-15"), "envoy-x")).isEqualTo("Envoy");
        assertThat(office(at("2020-03-15"), "envoy-x")).isNull();
        assertThat(at(null).envoys().get("envoy-x")).satisfies(e -> {
            assertThat(e.office()).isEqualTo("Mediator");
            assertThat(e.since()).isEqualTo(LocalDate.parse("2020-04-01"));
            assertThat(e.development()).isEqualTo("a2");
        });
        assertThat(office(at(null, beforeReappointment), "envoy-x")).isNull();

        Instant beforeRetraction = now;
        record(retraction("r1", "a2"));
        assertThat(office(at(null), "envoy-x")).as("the reappointment retracted: the leave decides").isNull();
        record(retraction("r2", "l1"));
        assertThat(office(at(null), "envoy-x")).as("the leave retracted too: the first appointment stands")
                .isEqualTo("Envoy");
        assertThat(office(at(null, beforeRetraction), "envoy-x")).isEqualTo("Mediator");
        record(retraction("r3", "r1"));
        assertThat(office(at(null), "envoy-x")).as("the retraction of the reappointment retracted")
                .isEqualTo("Mediator");
    }

    @Test
    void aLeaveNamingAnotherOfficeDoesNotEndTheAppointment() {
        record(appointed("a1", "2020-02-01", "envoy-x", "Envoy"));
        record(left("l1", "2020-03-01", "envoy-x", "Mediator"));
        assertThat(office(at(null), "envoy-x")).isEqualTo("Envoy");
        record(left("l2", "2020-03-02", "envoy-x", "Envoy"));
        assertThat(office(at(null), "envoy-x")).isNull();
        assertThat(office(at("2020-03-01"), "envoy-x")).isEqualTo("Envoy");
    }

    @Test
    void aCorrectionThatMovesAnAppointmentPastTheLeaveBringsTheEnvoyBack() {
        record(appointed("a1", "2020-02-01", "envoy-x", "Envoy"));
        record(left("l1", "2020-03-01", "envoy-x", "Envoy"));
        Instant beforeCorrection = now;
        record(correction("c1", appointed("a1", "2020-04-01", "envoy-x", "Envoy")));
        assertThat(office(at(null), "envoy-x")).isEqualTo("Envoy");
        assertThat(at(null).envoys().get("envoy-x").since()).isEqualTo(LocalDate.parse("2020-04-01"));
        assertThat(office(at("2020-03-15"), "envoy-x")).as("not appointed yet on that date").isNull();
        assertThat(office(at(null, beforeCorrection), "envoy-x")).isNull();
        assertThat(office(at("2020-02-15", beforeCorrection), "envoy-x")).isEqualTo("Envoy");
        record(correction("c2", left("l1", "2020-05-01", "envoy-x", "Envoy")));
        assertThat(office(at(null), "envoy-x")).as("the leave corrected to after the moved appointment").isNull();
        assertThat(office(at("2020-04-15"), "envoy-x")).isEqualTo("Envoy");
        record(retraction("r1", "c2"));
        assertThat(office(at(null), "envoy-x")).as("the leave's correction retracted: back to March")
                .isEqualTo("Envoy");
    }

    @Test
    void sameDayAppointmentAndLeaveResolveByRecordedOrder() {
        record(appointed("a1", "2020-02-01", "envoy-x", "Envoy"));
        record(left("l1", "2020-03-01", "envoy-x", "Envoy"));
        record(appointed("a2", "2020-03-01", "envoy-x", "Envoy"));
        assertThat(office(at("2020-03-01"), "envoy-x")).as("reappointed after the leave, same day").isEqualTo("Envoy");
        record(appointed("a3", "2020-06-01", "envoy-x", "Mediator"));
        record(left("l2", "2020-06-01", "envoy-x", "Mediator"));
        assertThat(office(at(null), "envoy-x")).isNull();
        record(correction("c1", appointed("a3", "2020-06-01", "envoy-x", "Chief")));
        assertThat(office(at(null), "envoy-x")).as("the leave no longer names the office held").isEqualTo("Chief");
    }

    // ---------------------------------------------------------------- proposals

    @Test
    void aWithdrawalKeepsTheProvisionsOfTheLastCountingTablingOrAmendment() {
        record(tabled("t1", "2020-02-01", "plan", "Plan", "line A"));
        record(amended("m1", "2020-03-01", "plan", "line B"));
        record(amended("m2", "2020-03-05", "plan", "line C"));
        record(withdrawn("w1", "2020-04-01", "plan"));
        Instant beforeRetractions = now;
        assertThat(at(null).proposals().get("plan")).satisfies(p -> {
            assertThat(p.status()).isEqualTo("withdrawn");
            assertThat(p.title()).isEqualTo("Plan");
            assertThat(p.provisions()).extracting(Entries.Provision::term).containsExactly("line C");
            assertThat(p.development()).isEqualTo("w1");
            assertThat(p.since()).isEqualTo(LocalDate.parse("2020-04-01"));
        });
        record(retraction("r1", "m2"));
        assertThat(at(null).proposals().get("plan").provisions()).extracting(Entries.Provision::term)
                .containsExactly("line B");
        record(retraction("r2", "m1"));
        assertThat(at(null).proposals().get("plan").provisions()).extracting(Entries.Provision::term)
                .containsExactly("line A");
        assertThat(at(null, beforeRetractions).proposals().get("plan").provisions())
                .extracting(Entries.Provision::term).containsExactly("line C");
        assertThat(at("2020-03-02", beforeRetractions).proposals().get("plan").status()).isEqualTo("amended");
        assertThat(at("2020-03-02").proposals().get("plan").status()).isEqualTo("tabled");
        record(retraction("r3", "w1"));
        assertThat(at(null).proposals().get("plan").status()).isEqualTo("tabled");
    }

    @Test
    void amendmentsOfAProposalNotTabledOnThatDateShowNothing() {
        record(tabled("t1", "2020-03-01", "plan", "Plan", "line A"));
        record(amended("m1", "2020-02-01", "plan", "line B")); // a backfill dated before the tabling
        record(withdrawn("w1", "2020-02-10", "plan"));
        assertThat(at("2020-02-15").proposals()).isEmpty();
        assertThat(at(null).proposals().get("plan").status()).as("the later tabling starts it afresh")
                .isEqualTo("tabled");
        Instant beforeRetraction = now;
        record(amended("m2", "2020-04-01", "plan", "line D"));
        record(retraction("r1", "t1"));
        assertThat(at(null).proposals()).as("its tabling retracted").isEmpty();
        assertThat(at(null, beforeRetraction).proposals().get("plan").status()).isEqualTo("tabled");
        record(retraction("r2", "r1"));
        assertThat(at(null).proposals().get("plan")).satisfies(p -> {
            assertThat(p.status()).isEqualTo("amended");
            assertThat(p.provisions()).extracting(Entries.Provision::term).containsExactly("line D");
        });
    }

    @Test
    void aCorrectedTablingMovesTitleSponsorAndDate() {
        record(tabled("t1", "2020-02-01", "plan", "Plan", "line A"));
        record(amended("m1", "2020-03-01", "plan", "line B"));
        Instant beforeCorrection = now;
        record(correction("c1", tabled("t1", "2020-04-01", "plan", "Plan (corrected)", "line Z")));
        assertThat(at(null).proposals().get("plan")).satisfies(p -> {
            assertThat(p.status()).as("now tabled after the amendment").isEqualTo("tabled");
            assertThat(p.title()).isEqualTo("Plan (corrected)");
            assertThat(p.provisions()).extracting(Entries.Provision::term).containsExactly("line Z");
        });
        assertThat(at("2020-03-15").proposals()).isEmpty();
        assertThat(at("2020-03-15", beforeCorrection).proposals().get("plan").title()).isEqualTo("Plan");
        record(correction("c2", tabled("t1", "2020-01-15", "plan", "Plan (early)", "line Y")));
        assertThat(at(null).proposals().get("plan")).satisfies(p -> {
            assertThat(p.status()).isEqualTo("amended");
            assertThat(p.title()).isEqualTo("Plan (early)");
            assertThat(p.provisions()).extracting(Entries.Provision::term).containsExactly("line B");
        });
        record(correction("c3", amended("m1", "2020-03-01", "other", "line B")));
        assertThat(at(null).proposals().get("plan").status()).as("the amendment moved to another proposal")
                .isEqualTo("tabled");
        assertThat(at(null).proposals()).doesNotContainKey("other");
    }

    @Test
    void aSecondTablingStartsAfreshAndAnAmendmentAfterAWithdrawalReopens() {
        record(tabled("t1", "2020-02-01", "plan", "Plan", "line A"));
        record(withdrawn("w1", "2020-03-01", "plan"));
        record(amended("m1", "2020-04-01", "plan", "line B"));
        assertThat(at(null).proposals().get("plan").status()).isEqualTo("amended");
        assertThat(at("2020-03-15").proposals().get("plan").status()).isEqualTo("withdrawn");
        // the index takes a second tabling as it comes (the command side refuses it; a correction can move one here)
        record(tabled("t2", "2020-05-01", "plan", "Plan 2", "line N"));
        assertThat(at(null).proposals().get("plan").title()).isEqualTo("Plan 2");
        record(withdrawn("w2", "2020-06-01", "plan"));
        assertThat(at(null).proposals().get("plan")).satisfies(p -> {
            assertThat(p.title()).isEqualTo("Plan 2");
            assertThat(p.provisions()).extracting(Entries.Provision::term).containsExactly("line N");
        });
        record(tabled("t3", "2020-06-01", "plan", "Plan 3", "line S"));
        assertThat(at(null).proposals().get("plan").status()).as("same day, recorded later").isEqualTo("tabled");
        record(dev(P, "on-plan", "PositionStated", "2020-06-02",
                "\"actor\":\"north\",\"proposal\":\"plan\",\"stance\":\"supports\""));
        assertThat(at(null).proposals().get("plan").support()).containsExactly("north");
    }

    // ---------------------------------------------------------------- commitments and talks, latest

    private static Development commitment(String id, String date, String amount) {
        return dev(P, id, "CommitmentMade", date, "\"actor\":\"north\",\"kind\":\"financial\",\"amount\":" + amount);
    }

    @Test
    void latestCommitmentsFollowRetractionAndCorrectionChains() {
        record(commitment("c1", "2020-02-01", "1"));
        record(commitment("c2", "2020-02-02", "2"));
        record(dev(P, "t1", "TalksHeld", "2020-02-03",
                "\"participants\":[\"north\",\"south\"],\"format\":\"bilateral\""));
        assertThat(at(null).commitments()).containsOnlyKeys("c1", "c2");
        assertThat(at(null).talks()).containsOnlyKeys("t1");
        record(correction("k1", commitment("c1", "2020-02-01", "10")));
        assertThat(at(null).commitments().get("c1").amount()).isEqualByComparingTo("10");
        Instant beforeRetraction = now;
        record(retraction("r1", "k1"));
        assertThat(at(null).commitments().get("c1").amount()).as("the correction retracted").isEqualByComparingTo("1");
        record(retraction("r2", "r1"));
        assertThat(at(null).commitments().get("c1").amount()).as("and that retraction retracted")
                .isEqualByComparingTo("10");
        record(retraction("r3", "c2"));
        record(retraction("r4", "t1"));
        assertThat(at(null).commitments()).containsOnlyKeys("c1");
        assertThat(at(null).talks()).isEmpty();
        assertThat(at(null, beforeRetraction).commitments()).containsOnlyKeys("c1", "c2");
        assertThat(at("2020-02-01").commitments()).containsOnlyKeys("c1");
        record(retraction("r5", "r3"));
        assertThat(at(null).commitments()).containsOnlyKeys("c1", "c2");
        // held back by a fresh hole: the answer must not show what lies above it
        long head = offset;
        clock.set(now);
        index.apply(commitment("c3", "2020-02-05", "3"), head + 2, now);
        assertThat(index.state(P, null, null).orElseThrow().commitments()).containsOnlyKeys("c1", "c2");
        clock.set(now.plusSeconds(4));
        assertThat(index.state(P, null, null).orElseThrow().commitments()).containsOnlyKeys("c1", "c2", "c3");
    }

    // ---------------------------------------------------------------- versions told they were touched

    private static Development territory(String id, String date, String area, String controller) {
        return dev(P, id, "TerritoryControlChanged", date, "\"area\":\"" + area + "\",\"controller\":\"" + controller
                + "\",\"status\":\"controlled\"");
    }

    @Test
    void positionsAndTerritoryAlreadyIndexedFollowLaterRetractionsAndCorrections() {
        record(dev(P, "area-1", "AreaDefined", "2020-01-01", "\"area\":\"kherson\",\"name\":\"Kherson\""));
        record(stance(P, "s1", "2020-02-01", "north", "border", "open"));
        record(stance(P, "s2", "2020-03-01", "north", "border", "rejects"));
        record(territory("k1", "2020-02-01", "kherson", "north"));
        record(territory("k2", "2020-03-01", "kherson", "south"));
        Instant before = now;
        record(retraction("r1", "s2"));
        record(correction("c1", territory("k2", "2020-03-01", "kherson", "north")));
        record(correction("c2", stance(P, "s1", "2020-01-15", "north", "border", "demands")));
        assertThat(at(null).positions().get("north").get("border").stance()).as("s2 retracted, s1 corrected")
                .isEqualTo("demands");
        assertThat(at(null).territory().get("kherson").controller()).isEqualTo("north");
        assertThat(at("2020-01-20").positions().get("north").get("border").since())
                .isEqualTo(LocalDate.parse("2020-01-15"));
        assertThat(at(null, before).positions().get("north").get("border").stance()).as("as known before")
                .isEqualTo("rejects");
        assertThat(at(null, before).territory().get("kherson").controller()).isEqualTo("south");
        assertThat(at("2020-01-20", before).positions()).isEmpty();
        record(retraction("r2", "r1"));
        record(retraction("r3", "c1"));
        assertThat(at(null).positions().get("north").get("border").stance()).isEqualTo("rejects");
        assertThat(at(null).territory().get("kherson").controller()).isEqualTo("south");
    }

    @Test
    void recordedTimesCompareToTheNanosecondAndOutsideTheRangeKeptInNanoseconds() {
        Instant t = Instant.parse("2024-12-01T10:00:00.000000001Z");
        offset++;
        apply(stance(P, "s1", "2020-02-01", "north", "border", "open"), offset, t);
        offset++;
        Instant far = Instant.parse("2400-01-01T00:00:00Z"); // beyond about 2255: its slot is asked
        apply(stance(P, "s2", "2020-03-01", "north", "border", "rejects"), offset, far);
        assertThat(at(null, t.minusNanos(1)).positions()).isEmpty();
        assertThat(at(null, t).positions().get("north").get("border").stance()).isEqualTo("open");
        assertThat(at(null, far.minusNanos(1)).positions().get("north").get("border").stance()).isEqualTo("open");
        assertThat(at(null, far).positions().get("north").get("border").stance()).isEqualTo("rejects");
        assertThat(at(null, Instant.parse("1600-01-01T00:00:00Z")).positions()).isEmpty();
        assertThat(at(null, Instant.parse("9999-01-01T00:00:00Z")).positions().get("north").get("border").stance())
                .isEqualTo("rejects");
    }

    @Test
    void latestWithEverythingKnownSharesTheSectionsAnApplyDidNotChange() {
        record(dev(P, "area-1", "AreaDefined", "2020-01-01", "\"area\":\"kherson\",\"name\":\"Kherson\""));
        record(stance(P, "s1", "2020-02-01", "north", "border", "open"));
        record(territory("k1", "2020-02-01", "kherson", "north"));
        record(tabled("t1", "2020-02-02", "plan", "Plan", "line A"));
        NegotiationState before = at(null);
        record(territory("k2", "2020-03-01", "kherson", "south"));
        NegotiationState after = at(null);
        assertThat(after.territory().get("kherson").controller()).isEqualTo("south");
        assertThat(after.positions()).as("positions untouched by a control change").isSameAs(before.positions());
        assertThat(after.issues()).isSameAs(before.issues());
        assertThat(after.proposals()).isSameAs(before.proposals());
        record(stance(P, "s2", "2020-03-02", "south", "border", "open"));
        NegotiationState third = at(null);
        assertThat(third.issues().get("border").convergence()).as("the issue follows the positions").isEqualTo(1.0);
        assertThat(third.territory()).isSameAs(after.territory());
        record(retraction("r1", "k2"));
        assertThat(at(null).territory().get("kherson").controller()).isEqualTo("north");
        record(retraction("r2", "r1"));
        assertThat(at(null).territory().get("kherson").controller()).isEqualTo("south");
    }

    // ---------------------------------------------------------------- the cache

    @Test
    void anApplyInvalidatesCachedAnswersIncludingABackfillAndALateRetraction() {
        record(stance(P, "s1", "2020-03-01", "north", "border", "demands"));
        assertThat(at("2020-04-01").positions().get("north").get("border").stance()).isEqualTo("demands");
        assertThat(at(null).offset()).isEqualTo(offset);
        Instant known = now;
        assertThat(at("2020-04-01", known).offset()).isEqualTo(offset);

        record(stance(P, "backfill", "2020-03-15", "north", "border", "rejects"));
        assertThat(at("2020-04-01").positions().get("north").get("border").stance()).isEqualTo("rejects");
        assertThat(at(null).offset()).isEqualTo(offset);
        assertThat(at("2020-04-01", known).positions().get("north").get("border").stance()).isEqualTo("demands");

        record(retraction("r1", "backfill"));
        assertThat(at("2020-04-01").positions().get("north").get("border").stance()).isEqualTo("demands");
        record(retraction("r2", "s1"));
        assertThat(at(null).positions()).isEmpty();

        // an event committed late, recorded before an instant already asked about
        long late = offset + 1;
        offset += 1;
        apply(stance(P, "late", "2020-03-20", "south", "border", "open"), late, known.minusSeconds(1));
        assertThat(at("2020-04-01", known).positions().get("south").get("border").stance()).isEqualTo("open");
        assertThat(at("2020-04-01", known).offset()).isEqualTo(late);
    }

    @Test
    void aCachedAnswerIsNeverOlderThanTheOffsetTheCallerMustSee() {
        long head = offset;
        clock.set(now); // a fresh hole holds answers back
        NegotiationState held = index.state(P, null, null).orElseThrow();
        assertThat(held.offset()).isEqualTo(head);
        index.apply(stance(P, "after-a-skip", "2020-02-01", "north", "border", "demands"), head + 2, now);
        assertThat(index.state(P, null, null).orElseThrow().offset()).isEqualTo(head);
        assertThat(index.state(P, null, null).orElseThrow().positions()).isEmpty();
        clock.set(now.plusSeconds(4)); // the hole given up: no apply in between
        NegotiationState released = index.state(P, null, null).orElseThrow();
        assertThat(released.offset()).isEqualTo(head + 2);
        assertThat(released.positions().get("north").get("border").stance()).isEqualTo("demands");

        // stateAt for an earlier and a later offset, in any order
        assertThat(index.stateAt(P, null, null, head).orElseThrow().positions()).isEmpty();
        assertThat(index.stateAt(P, null, null, head + 2).orElseThrow().positions()).isNotEmpty();
        assertThat(index.stateAt(P, null, null, head).orElseThrow().offset()).isEqualTo(head);

        // the skipped number arrives after all (a late commit): the same cut now holds it
        index.apply(stance(P, "filled", "2020-02-01", "south", "border", "rejects"), head + 1, now);
        assertThat(index.stateAt(P, null, null, head + 2).orElseThrow().positions()).containsKey("south");
        assertThat(index.state(P, null, null).orElseThrow().positions()).containsKey("south");
    }

    @Test
    void aCachedAnswerCarriesTheInstantItWasAskedAt() {
        NegotiationState first = index.state(P, null, null).orElseThrow();
        clock.set(clock.instant().plusSeconds(10));
        NegotiationState second = index.state(P, null, null).orElseThrow();
        assertThat(second.knownAt()).isEqualTo(first.knownAt().plusSeconds(10));
        assertThat(second.actors()).isSameAs(first.actors()).as("served from the cache");
        assertThat(second.offset()).isEqualTo(first.offset());
    }

    @Test
    void anApplyToAnotherProcessDoesNotChangeThisOnesCachedEntriesButMayChangeItsOffset() {
        opening("q").forEach(this::record);
        NegotiationState before = at(null);
        record(stance("q", "q1", "2020-02-01", "north", "border", "demands"));
        NegotiationState after = at(null);
        assertThat(after.offset()).isEqualTo(before.offset() + 1);
        assertThat(after.positions()).isEqualTo(before.positions());
    }
}
