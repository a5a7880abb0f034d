package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.events.Reference.Kind.ACTOR;
import static org.diplomacytracker.events.Reference.Kind.AREA;
import static org.diplomacytracker.events.Reference.Kind.DEVELOPMENT;
import static org.diplomacytracker.events.Reference.Kind.ISSUE;
import static org.diplomacytracker.events.Reference.Kind.PROPOSAL;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What each development must find recorded before it, in field order; the ids it defines are not among them. */
class ReferencesTest {

    private static List<Reference> referencesOf(String json) {
        return DevelopmentJson.read(json).references();
    }

    private static Reference ref(Reference.Kind kind, String id, String field) {
        return new Reference(kind, id, field);
    }

    @Test
    void definingDevelopmentsDoNotReferToWhatTheyDefine() {
        assertThat(referencesOf(Examples.PROCESS_OPENED)).as("parties name actors to come").isEmpty();
        assertThat(referencesOf(Examples.ISSUE_DEFINED)).isEmpty();
        assertThat(referencesOf(Examples.AREA_DEFINED)).isEmpty();
        assertThat(referencesOf(Examples.ACTOR_REGISTERED)).containsExactly(ref(ACTOR, "us", "affiliation"));
        assertThat(referencesOf(Examples.edit(Examples.ACTOR_REGISTERED, d -> d.remove("affiliation")))).isEmpty();
    }

    @Test
    void envoysReferToThePersonWhoAppointedThemAndWhomTheyRepresent() {
        assertThat(referencesOf(Examples.ENVOY_APPOINTED)).containsExactly(
                ref(ACTOR, "keith-kellogg", "person"),
                ref(ACTOR, "donald-trump", "appointedBy"),
                ref(ACTOR, "us", "represents"));
        assertThat(referencesOf(Examples.ENVOY_LEFT)).containsExactly(ref(ACTOR, "keith-kellogg", "person"));
    }

    @Test
    void aPositionRefersToItsActorSpeakerAndIssueOrProposal() {
        assertThat(referencesOf(Examples.POSITION_STATED)).containsExactly(
                ref(ACTOR, "ru", "actor"),
                ref(ACTOR, "sergei-naryshkin", "speaker"),
                ref(ISSUE, "frontline-freeze", "issue"));
        String onProposal = Examples.edit(Examples.POSITION_STATED, d -> {
            d.remove("issue");
            d.remove("speaker");
            d.put("proposal", "wsj-transition-plan");
        });
        assertThat(referencesOf(onProposal)).containsExactly(
                ref(ACTOR, "ru", "actor"),
                ref(PROPOSAL, "wsj-transition-plan", "proposal"));
    }

    @Test
    void proposalsReferToTheirSponsorAndEachProvisionsIssue() {
        assertThat(referencesOf(Examples.PROPOSAL_TABLED)).containsExactly(
                ref(ACTOR, "us", "sponsor"),
                ref(ISSUE, "nato-membership", "provisions.0.issue"),
                ref(ISSUE, "frontline-freeze", "provisions.1.issue"));
        assertThat(referencesOf(Examples.PROPOSAL_AMENDED)).containsExactly(
                ref(PROPOSAL, "wsj-transition-plan", "proposal"),
                ref(ISSUE, "nato-membership", "provisions.0.issue"));
        assertThat(referencesOf(Examples.PROPOSAL_WITHDRAWN)).containsExactly(
                ref(PROPOSAL, "wsj-transition-plan", "proposal"));
    }

    @Test
    void talksReferToEachParticipantAndTopic() {
        assertThat(referencesOf(Examples.TALKS_HELD)).containsExactly(
                ref(ACTOR, "us", "participants.0"),
                ref(ACTOR, "ua", "participants.1"),
                ref(ISSUE, "frontline-freeze", "topics.0"),
                ref(ISSUE, "nato-membership", "topics.1"));
    }

    @Test
    void territoryAndCommitmentsReferToAreasAndActors() {
        assertThat(referencesOf(Examples.TERRITORY_CONTROL_CHANGED)).containsExactly(
                ref(AREA, "kherson-right-bank", "area"),
                ref(ACTOR, "ua", "controller"),
                ref(ACTOR, "ru", "previousController"));
        assertThat(referencesOf(Examples.COMMITMENT_MADE)).containsExactly(
                ref(ACTOR, "fr", "actor"),
                ref(ACTOR, "ua", "recipient"));
    }

    @Test
    void aRetractionRefersToItsTarget() {
        assertThat(referencesOf(Examples.DEVELOPMENT_RETRACTED)).containsExactly(
                ref(DEVELOPMENT, "wsj-plan", "target"));
    }

    @Test
    void aCorrectionRefersToItsTargetThenToWhatItsReplacementRefersTo() {
        assertThat(referencesOf(Examples.DEVELOPMENT_CORRECTED)).containsExactly(
                ref(DEVELOPMENT, "naryshkin-rejects-freeze", "target"),
                ref(ACTOR, "ru", "replacement.actor"),
                ref(ACTOR, "sergei-naryshkin", "replacement.speaker"),
                ref(ISSUE, "frontline-freeze", "replacement.issue"));
    }

    @Test
    void referencesCannotBeChanged() {
        List<Reference> references = referencesOf(Examples.ENVOY_APPOINTED);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> references.add(ref(ACTOR, "x", "x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
