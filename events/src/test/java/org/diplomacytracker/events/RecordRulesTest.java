package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records keep their rules when built in Java, not only when read from JSON. */
class RecordRulesTest {

    private static final DevelopmentId ID = DevelopmentId.of("talks-1");
    private static final ProcessId PROCESS = ProcessId.of("ru-ua");
    private static final LocalDate DAY = LocalDate.of(2024, 11, 25);
    private static final Source SOURCE = Source.of("Analyst desk");

    @Test
    void listsAreCopiedSoThatTheCallerCannotChangeARecordedDevelopment() {
        List<ActorId> participants = new ArrayList<>(List.of(ActorId.of("us"), ActorId.of("ua")));
        TalksHeld talks = new TalksHeld(ID, PROCESS, DAY, null, SOURCE, participants, null, TalksFormat.BILATERAL,
                null, null);

        participants.add(ActorId.of("ru"));

        assertThat(talks.participants()).containsExactly(ActorId.of("us"), ActorId.of("ua"));
        assertThatThrownBy(() -> talks.participants().add(ActorId.of("ru")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(talks.topics()).isNull();
    }

    @Test
    void aUrlFoundValidOnceIsAcceptedAgainAndAnInvalidOneIsRefusedEveryTime() {
        String valid = "https://example.org/report-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(new Source("Outlet", valid, null, null, null, null).url()).isEqualTo(valid);
            for (String invalid : List.of("example.org/a", "ftp://example.org/a", "https://", valid + " x")) {
                assertThatThrownBy(() -> new Source("Outlet", invalid, null, null, null, null))
                        .isInstanceOf(InvalidDevelopmentException.class)
                        .hasMessageContaining("must be an absolute http or https URL");
            }
        }
        // a URL that is valid but for its length is refused for that, not taken from what was seen before
        String longUrl = "https://example.org/" + "a".repeat(Rules.URL_MAX);
        assertThatThrownBy(() -> new Source("Outlet", longUrl, null, null, null, null))
                .isInstanceOf(InvalidDevelopmentException.class);
    }

    @Test
    void quantitiesThatAreEqualMakeEqualDevelopments() {
        AreaDefined five = area(new BigDecimal("5"));

        assertThat(area(new BigDecimal("5.000"))).isEqualTo(five);
        assertThat(area(new BigDecimal("0.5E+1"))).isEqualTo(five);
        assertThat(area(new BigDecimal("1E+3")).areaKm2().toString()).isEqualTo("1000");
        assertThat(area(new BigDecimal("0.00")).areaKm2()).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void idsRefuseSpacesSlashesAndMoreThan128Characters() {
        for (String bad : new String[] {"a b", "a/b", "", "x".repeat(129), "é"}) {
            assertThatThrownBy(() -> ActorId.of(bad))
                    .isInstanceOf(InvalidDevelopmentException.class)
                    .hasMessageStartingWith("must be 1 to 128 characters");
        }
        assertThat(ActorId.of("x".repeat(128)).value()).hasSize(128);
        assertThat(DevelopmentId.of("urn:dt:2024.11_27-a").value()).isEqualTo("urn:dt:2024.11_27-a");
    }

    @Test
    void anEnvelopeMemberMissingInJavaIsNamedAsOnTheWire() {
        assertThatThrownBy(() -> new EnvoyLeft(ID, PROCESS, null, null, SOURCE, ActorId.of("x"), "Envoy"))
                .isInstanceOf(InvalidDevelopmentException.class)
                .hasMessage("occurredOn is required")
                .extracting(e -> ((InvalidDevelopmentException) e).field()).isEqualTo("occurredOn");
        assertThatThrownBy(() -> new EnvoyLeft(ID, PROCESS, DAY, Instant.parse("1850-01-01T00:00:00Z"), SOURCE,
                ActorId.of("x"), "Envoy"))
                .hasMessage("reportedAt must be between 1900-01-01 and 2100-12-31, got 1850-01-01T00:00:00Z");
    }

    @Test
    void aSourceNeedsOnlyAnOutlet() {
        Source source = Source.of("Reuters");

        assertThat(source.url()).isNull();
        assertThat(DevelopmentJson.write(new EnvoyLeft(ID, PROCESS, DAY, null, source, ActorId.of("x"), "Envoy")))
                .contains("\"source\":{\"outlet\":\"Reuters\"}");
    }

    @Test
    void wireNamesOfTheEnumsReadBackAsThemselves() {
        for (Stance s : Stance.values()) {
            assertThat(Stance.fromWire(s.wireName())).isSameAs(s);
        }
        assertThat(CommitmentKind.fromWire("military-aid")).isSameAs(CommitmentKind.MILITARY_AID);
        assertThat(ActorKind.fromWire("organisation")).isSameAs(ActorKind.ORGANISATION);
        assertThat(TalksFormat.fromWire("indirect")).isSameAs(TalksFormat.INDIRECT);
        assertThat(ControlStatus.fromWire("contested")).isSameAs(ControlStatus.CONTESTED);
        assertThat(CommitmentStatus.fromWire("withdrawn")).isSameAs(CommitmentStatus.WITHDRAWN);
        assertThatThrownBy(() -> ControlStatus.fromWire(null))
                .hasMessage("must be one of controlled, contested, got null");
    }

    @Test
    void nestedProblemsArePrefixedByTheFieldThatHoldsThem() {
        InvalidDevelopmentException inSource = new InvalidDevelopmentException("outlet", "outlet is required");
        InvalidDevelopmentException inId = new InvalidDevelopmentException(null, "must be 1 to 128 characters");

        assertThat(inSource.under("source").field()).isEqualTo("source.outlet");
        assertThat(inSource.under("source").getMessage()).isEqualTo("source.outlet is required");
        assertThat(inId.under("participants.1").getMessage()).isEqualTo("participants.1 must be 1 to 128 characters");
    }

    private static AreaDefined area(BigDecimal km2) {
        return new AreaDefined(ID, PROCESS, DAY, null, SOURCE, AreaId.of("kursk-pocket"), "Kursk pocket", km2);
    }
}
