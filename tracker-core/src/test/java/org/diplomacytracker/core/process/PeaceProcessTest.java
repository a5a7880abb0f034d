package org.diplomacytracker.core.process;

import static org.diplomacytracker.core.testing.Developments.PROCESS;
import static org.diplomacytracker.core.testing.Developments.dev;
import static org.diplomacytracker.core.testing.Developments.opening;
import static org.diplomacytracker.core.testing.Developments.stance;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules a process applies to what is submitted, through Axon's own fixture, which re-sources
 * the aggregate after each command to catch state changed anywhere but the event-sourcing handler.
 */
class PeaceProcessTest {

    private AggregateTestFixture<PeaceProcess> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PeaceProcess.class);
    }

    private static RecordDevelopments record(Development... developments) {
        return new RecordDevelopments(PROCESS, List.of(developments));
    }

    private static RecordDevelopments record(List<Development> developments) {
        return new RecordDevelopments(PROCESS, developments);
    }

    private ResultValidator<PeaceProcess> whenAfterOpening(Development development, Development... before) {
        List<Development> given = new ArrayList<>(opening(PROCESS));
        given.addAll(List.of(before));
        return fixture.givenCommands(record(given)).when(record(development));
    }

    @Test
    void openingAProcessRecordsEveryDevelopmentInOrder() {
        List<Development> opening = opening(PROCESS);
        fixture.givenNoPriorActivity()
                .when(record(opening))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opening.toArray())
                .expectResultMessagePayload(new RecordingResult(List.of(
                        new RecordingResult.Item(0, false), new RecordingResult.Item(1, false),
                        new RecordingResult.Item(2, false), new RecordingResult.Item(3, false),
                        new RecordingResult.Item(4, false), new RecordingResult.Item(5, false),
                        new RecordingResult.Item(6, false))));
    }

    @Test
    void aDevelopmentOfAProcessNeverOpenedIsRefused() {
        fixture.givenNoPriorActivity()
                .when(record(stance(PROCESS, "s1", "2020-02-01", "north", "border", "demands")))
                .expectNoEvents()
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(allOf(containsString("unknown process 'north-south'"),
                        containsString("ProcessOpened")));
    }

    @Test
    void openingAProcessTwiceIsAConflict() {
        whenAfterOpening(dev("again", "ProcessOpened", "2020-01-02", "\"title\":\"Again\",\"parties\":[\"north\"]"))
                .expectNoEvents()
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("already open"));
    }

    @Test
    void aReferenceToAnUnregisteredActorIsRefusedNamingTheField() {
        whenAfterOpening(stance(PROCESS, "s1", "2020-02-01", "nobody", "border", "demands"))
                .expectNoEvents()
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(allOf(containsString("actor names unknown actor 'nobody'"),
                        containsString("ActorRegistered")));
    }

    @Test
    void referencesToUnknownIssuesAreasProposalsAndTargetsAreRefused() {
        whenAfterOpening(stance(PROCESS, "s1", "2020-02-01", "north", "no-issue", "demands"))
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("unknown issue 'no-issue'"));
        setUp();
        whenAfterOpening(dev("t1", "TerritoryControlChanged", "2020-02-01",
                "\"area\":\"nowhere\",\"controller\":\"north\",\"status\":\"controlled\""))
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("unknown area 'nowhere'"));
        setUp();
        whenAfterOpening(dev("w1", "ProposalWithdrawn", "2020-02-01", "\"proposal\":\"no-plan\""))
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("unknown proposal 'no-plan'"));
        setUp();
        whenAfterOpening(dev("r1", "DevelopmentRetracted", "2020-02-01", "\"target\":\"ghost\",\"reason\":\"denied\""))
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("unknown development 'ghost'"));
    }

    @Test
    void theSameDevelopmentAgainIsADuplicateAndStoresNothing() {
        Development s = stance(PROCESS, "s1", "2020-02-01", "north", "border", "demands");
        whenAfterOpening(s, s)
                .expectNoEvents()
                .expectResultMessagePayload(new RecordingResult(List.of(new RecordingResult.Item(7, true))));
    }

    @Test
    void theSameIdWithOtherContentIsAConflict() {
        whenAfterOpening(stance(PROCESS, "s1", "2020-02-01", "north", "border", "opposes"),
                stance(PROCESS, "s1", "2020-02-01", "north", "border", "demands"))
                .expectNoEvents()
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("id 's1' was already recorded"));
    }

    @Test
    void anActorIsRegisteredOnce() {
        whenAfterOpening(dev("north-again", "ActorRegistered", "2020-03-01",
                "\"actor\":\"north\",\"name\":\"The North\",\"kind\":\"state\""))
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("actor 'north' is already defined by development 'north-south-north'"));
    }

    @Test
    void aBatchWithOneRefusedDevelopmentRecordsNoneOfIt() {
        fixture.givenNoPriorActivity()
                .when(record(opening(PROCESS).get(0), opening(PROCESS).get(1),
                        stance(PROCESS, "s1", "2020-02-01", "ghost", "border", "demands")))
                .expectNoEvents()
                .expectException(DevelopmentRefusedException.class);
    }

    @Test
    void retractingTwiceIsRefusedUntilTheRetractionIsItselfRetracted() {
        Development s = stance(PROCESS, "s1", "2020-02-01", "north", "border", "demands");
        Development r1 = dev("r1", "DevelopmentRetracted", "2020-03-01", "\"target\":\"s1\",\"reason\":\"denied\"");
        whenAfterOpening(dev("r2", "DevelopmentRetracted", "2020-03-02", "\"target\":\"s1\",\"reason\":\"again\""), s, r1)
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("already retracted by 'r1'"));
        setUp();
        Development undo = dev("r1-undo", "DevelopmentRetracted", "2020-03-03", "\"target\":\"r1\",\"reason\":\"it was true\"");
        Development again = dev("r3", "DevelopmentRetracted", "2020-03-04", "\"target\":\"s1\",\"reason\":\"denied again\"");
        whenAfterOpening(again, s, r1, undo).expectSuccessfulHandlerExecution().expectEvents(again);
    }

    @Test
    void aRetractionCannotBeCorrected() {
        Development s = stance(PROCESS, "s1", "2020-02-01", "north", "border", "demands");
        Development r1 = dev("r1", "DevelopmentRetracted", "2020-03-01", "\"target\":\"s1\",\"reason\":\"denied\"");
        // the replacement cannot be a retraction (the events module refuses that); any other type is refused here
        Development c1 = dev("c1", "DevelopmentCorrected", "2020-03-02", "\"target\":\"r1\",\"replacement\":"
                + org.diplomacytracker.core.testing.Developments.json(PROCESS, "r1", "PositionStated", "2020-02-01",
                "\"actor\":\"north\",\"issue\":\"border\",\"stance\":\"open\""));
        whenAfterOpening(c1, s, r1)
                .expectNoEvents()
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("is a DevelopmentRetracted, which cannot be corrected"));
    }

    @Test
    void aRetractedDevelopmentCannotBeCorrected() {
        Development s = stance(PROCESS, "s1", "2020-02-01", "north", "border", "demands");
        Development r1 = dev("r1", "DevelopmentRetracted", "2020-03-01", "\"target\":\"s1\",\"reason\":\"denied\"");
        whenAfterOpening(correction("c1", s, "\"actor\":\"north\",\"issue\":\"border\",\"stance\":\"supports\""), s, r1)
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("is retracted by 'r1' and cannot be corrected"));
    }

    @Test
    void aCorrectionMustKeepItsTargetsType() {
        Development s = stance(PROCESS, "s1", "2020-02-01", "north", "border", "demands");
        Development wrongType = dev("c1", "DevelopmentCorrected", "2020-03-02", "\"target\":\"s1\",\"replacement\":"
                + org.diplomacytracker.core.testing.Developments.json(PROCESS, "s1", "ProposalWithdrawn", "2020-02-01",
                "\"proposal\":\"plan\""));
        whenAfterOpening(wrongType, s, dev("plan", "ProposalTabled", "2020-01-05",
                "\"proposal\":\"plan\",\"title\":\"Plan\",\"sponsor\":\"envoy-x\",\"provisions\":[]"))
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("the replacement must be a PositionStated"));
    }

    @Test
    void aCorrectionCannotChangeWhatADefinitionDefines() {
        Development renamed = correction("c1", opening(PROCESS).get(1),
                "\"actor\":\"north-2\",\"name\":\"North\",\"kind\":\"state\"");
        whenAfterOpening(renamed)
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("cannot change what 'north-south-north' defines ('north')"));
    }

    @Test
    void aCorrectionThatFixesADetailIsRecorded() {
        Development s = stance(PROCESS, "s1", "2020-02-01", "north", "border", "demands");
        Development fix = correction("c1", s, "\"actor\":\"north\",\"issue\":\"border\",\"stance\":\"supports\"");
        whenAfterOpening(fix, s).expectSuccessfulHandlerExecution().expectEvents(fix);
    }

    @Test
    void anEnvoyCanOnlyLeaveAnOfficeTheyHold() {
        Development appointed = dev("appointed", "EnvoyAppointed", "2020-03-01",
                "\"person\":\"envoy-x\",\"office\":\"Special Envoy\",\"appointedBy\":\"north\",\"represents\":\"north\"");
        whenAfterOpening(dev("left", "EnvoyLeft", "2020-04-01", "\"person\":\"envoy-x\",\"office\":\"Other Office\""),
                appointed)
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("holds no office 'Other Office'"));
        setUp();
        whenAfterOpening(dev("left", "EnvoyLeft", "2020-02-01", "\"person\":\"envoy-x\",\"office\":\"Special Envoy\""),
                appointed)
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("on 2020-02-01"));
        setUp();
        Development left = dev("left", "EnvoyLeft", "2020-04-01", "\"person\":\"envoy-x\",\"office\":\"Special Envoy\"");
        whenAfterOpening(left, appointed).expectSuccessfulHandlerExecution().expectEvents(left);
    }

    @Test
    void anEnvoyCannotLeaveTwiceNorLeaveAnOfficeANewAppointmentReplaced() {
        Development appointed = dev("appointed", "EnvoyAppointed", "2020-03-01",
                "\"person\":\"envoy-x\",\"office\":\"Envoy\",\"appointedBy\":\"north\",\"represents\":\"north\"");
        Development left = dev("left", "EnvoyLeft", "2020-04-01", "\"person\":\"envoy-x\",\"office\":\"Envoy\"");
        whenAfterOpening(dev("left-again", "EnvoyLeft", "2020-05-01", "\"person\":\"envoy-x\",\"office\":\"Envoy\""),
                appointed, left)
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("holds no office 'Envoy' on 2020-05-01"));
        setUp();
        Development promoted = dev("promoted", "EnvoyAppointed", "2020-03-15",
                "\"person\":\"envoy-x\",\"office\":\"Chief Envoy\",\"appointedBy\":\"north\",\"represents\":\"north\"");
        whenAfterOpening(dev("left-old", "EnvoyLeft", "2020-04-01", "\"person\":\"envoy-x\",\"office\":\"Envoy\""),
                appointed, promoted)
                .expectException(DevelopmentRefusedException.class)
                .expectExceptionMessage(containsString("the office held then is 'Chief Envoy'"));
        setUp();
        // a backfilled departure before a later re-appointment is fine: on its date the office was held
        Development reappointed = dev("reappointed", "EnvoyAppointed", "2020-06-01",
                "\"person\":\"envoy-x\",\"office\":\"Envoy\",\"appointedBy\":\"north\",\"represents\":\"north\"");
        Development backfilled = dev("left-between", "EnvoyLeft", "2020-04-01",
                "\"person\":\"envoy-x\",\"office\":\"Envoy\"");
        whenAfterOpening(backfilled, appointed, reappointed).expectSuccessfulHandlerExecution().expectEvents(backfilled);
    }

    @Test
    void anEnvoyLeavesTheOfficeAsCorrectedNotAsFirstReported() {
        Development appointed = dev("appointed", "EnvoyAppointed", "2020-03-01",
                "\"person\":\"envoy-x\",\"office\":\"Envoy\",\"appointedBy\":\"north\",\"represents\":\"north\"");
        Development fix = correction("fix", appointed,
                "\"person\":\"envoy-x\",\"office\":\"Special Envoy\",\"appointedBy\":\"north\",\"represents\":\"north\"");
        whenAfterOpening(dev("left", "EnvoyLeft", "2020-04-01", "\"person\":\"envoy-x\",\"office\":\"Envoy\""),
                appointed, fix)
                .expectException(DevelopmentRefusedException.class);
    }

    @Test
    void theRefusalNamesThePlaceOfTheDevelopmentInTheCommand() {
        List<Development> given = new ArrayList<>(opening(PROCESS));
        fixture.givenCommands(record(given))
                .when(record(stance(PROCESS, "ok", "2020-02-01", "north", "border", "demands"),
                        stance(PROCESS, "bad", "2020-02-01", "ghost", "border", "demands")))
                .expectNoEvents()
                .expectException(new org.hamcrest.FeatureMatcher<Object, Integer>(
                        org.hamcrest.Matchers.equalTo(1), "refused at position", "position") {
                    @Override
                    protected Integer featureValueOf(Object actual) {
                        return actual instanceof DevelopmentRefusedException e ? e.position() : null;
                    }
                });
    }

    private static Development correction(String id, Development target, String replacementFields) {
        return dev(id, "DevelopmentCorrected", "2020-05-01", "\"target\":\"" + target.id() + "\",\"replacement\":"
                + org.diplomacytracker.core.testing.Developments.json(PROCESS, target.id().value(),
                target.type().wireName(), target.occurredOn().toString(), replacementFields));
    }
}
