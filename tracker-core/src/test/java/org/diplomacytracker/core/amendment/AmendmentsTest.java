package org.diplomacytracker.core.amendment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmendmentsTest {

    private final Amendments amendments = new Amendments();

    @Test
    void aStandingRetractionTakesItsTargetOut() {
        amendments.retract("r1", "s1");
        assertThat(amendments.retractedBy("s1")).isEqualTo("r1");
        assertThat(amendments.isRetracted("r1")).isFalse();
    }

    @Test
    void retractingTheRetractionUndoesIt() {
        amendments.retract("r1", "s1");
        amendments.retract("r2", "r1");
        assertThat(amendments.isRetracted("s1")).isFalse();
        assertThat(amendments.retractedBy("r1")).isEqualTo("r2");
    }

    @Test
    void retractingTheUndoRestoresTheFirstRetraction() {
        amendments.retract("r1", "s1");
        amendments.retract("r2", "r1");
        amendments.retract("r3", "r2");
        assertThat(amendments.retractedBy("s1")).isEqualTo("r1");
        assertThat(amendments.isRetracted("r1")).isFalse();
        assertThat(amendments.retractedBy("r2")).isEqualTo("r3");
    }

    @Test
    void theLatestStandingCorrectionIsInForce() {
        amendments.correct("c1", "s1");
        amendments.correct("c2", "s1");
        assertThat(amendments.correctionInForce("s1")).isEqualTo("c2");
        assertThat(amendments.standingCorrections("s1")).containsExactly("c1", "c2");
        amendments.retract("r1", "c2");
        assertThat(amendments.correctionInForce("s1")).isEqualTo("c1");
        assertThat(amendments.standingCorrections("s1")).containsExactly("c1");
        amendments.retract("r2", "c1");
        assertThat(amendments.correctionInForce("s1")).isNull();
        assertThat(amendments.standingCorrections("s1")).isEmpty();
    }

    @Test
    void aDevelopmentWithoutAmendmentsHasNone() {
        assertThat(amendments.retractedBy("x")).isNull();
        assertThat(amendments.correctionInForce("x")).isNull();
        assertThat(amendments.standingCorrections("x")).isEmpty();
        assertThat(amendments.targetOfRetraction("x")).isNull();
    }
}
