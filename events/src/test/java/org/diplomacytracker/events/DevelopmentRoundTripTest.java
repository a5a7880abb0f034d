package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DevelopmentRoundTripTest {

    static Stream<Arguments> everyType() {
        return Examples.BY_TYPE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @Test
    void theExamplesCoverEveryType() {
        assertThat(Examples.BY_TYPE.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(DevelopmentType.values()).map(DevelopmentType::wireName).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void writingWhatWasReadGivesTheCanonicalInputBack(String type, String canonical) {
        Development read = DevelopmentJson.read(canonical);

        assertThat(read.type().wireName()).isEqualTo(type);
        assertThat(read).isInstanceOf(read.type().javaType());
        assertThat(DevelopmentJson.write(read)).isEqualTo(canonical);
        assertThat(DevelopmentJson.read(DevelopmentJson.write(read))).isEqualTo(read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void bytesTreesAndStringsReadTheSame(String type, String canonical) {
        Development fromString = DevelopmentJson.read(canonical);

        assertThat(DevelopmentJson.read(canonical.getBytes(StandardCharsets.UTF_8))).isEqualTo(fromString);
        assertThat(DevelopmentJson.fromTree(DevelopmentJson.toTree(fromString))).isEqualTo(fromString);
        assertThat(DevelopmentJson.toTree(fromString).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void theSharedMapperRoundTripsEachRecordAsItsConcreteClass(String type, String canonical) throws Exception {
        Development development = DevelopmentJson.read(canonical);
        Class<? extends Development> concrete = development.type().javaType();

        String written = DevelopmentJson.mapper().writeValueAsString(development);

        assertThat(written).isEqualTo(canonical).contains("\"type\":\"" + type + "\"");
        assertThat(DevelopmentJson.mapper().readValue(written, concrete)).isEqualTo(development);
        assertThat(DevelopmentJson.mapper().readValue(written, Development.class)).isEqualTo(development);
    }

    @Test
    void theDesignDocumentExampleReadsAndWritesAsItsCompactForm() {
        Development read = DevelopmentJson.read(Examples.DESIGN_ENVOY_APPOINTED);

        assertThat(DevelopmentJson.write(read)).isEqualTo(Examples.ENVOY_APPOINTED);
        assertThat(read).isEqualTo(new EnvoyAppointed(DevelopmentId.of("kellogg-envoy"), ProcessId.of("ru-ua"),
                LocalDate.of(2024, 11, 27), Instant.parse("2024-11-28T09:00:00Z"),
                new Source("MailOnline", "https://example.org/a", null, "transition team", "B", 2),
                ActorId.of("keith-kellogg"), "Special Envoy for Ukraine and Russia", ActorId.of("donald-trump"),
                ActorId.of("us"), null));
    }

    @Test
    void developmentsCitingTheSameSourceShareOneValueAndOthersKeepTheirOwn() {
        String kellogg = Examples.ENVOY_APPOINTED;
        String other = kellogg.replace("\"id\":\"kellogg-envoy\"", "\"id\":\"kellogg-envoy-2\"");
        String otherSource = kellogg.replace("transition team", "a transition official");
        Development first = DevelopmentJson.read(kellogg.getBytes(StandardCharsets.UTF_8));
        Development second = DevelopmentJson.read(other); // through the tree, too
        Development third = DevelopmentJson.read(otherSource.getBytes(StandardCharsets.UTF_8));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.source()).isSameAs(first.source());
        assertThat(third.source()).isNotEqualTo(first.source());
        assertThat(third.source().attribution()).isEqualTo("a transition official");
        assertThat(DevelopmentJson.write(third)).isEqualTo(otherSource);
    }

    @Test
    void writingIsDeterministicWhateverTheInputOrderAndSpacing() {
        String shuffled = "{ \"represents\":\"us\", \"appointedBy\":\"donald-trump\",\n"
                + "  \"office\":\"Special Envoy for Ukraine and Russia\", \"person\":\"keith-kellogg\",\n"
                + "  \"source\":{\"credibility\":2,\"reliability\":\"B\",\"attribution\":\"transition team\","
                + "\"url\":\"https://example.org/a\",\"outlet\":\"MailOnline\"},\n"
                + "  \"reportedAt\":\"2024-11-28T09:00:00Z\", \"occurredOn\":\"2024-11-27\", \"type\":\"EnvoyAppointed\",\n"
                + "  \"process\":\"ru-ua\", \"id\":\"kellogg-envoy\" }";

        assertThat(DevelopmentJson.write(DevelopmentJson.read(shuffled))).isEqualTo(Examples.ENVOY_APPOINTED);
    }

    @Test
    void absentOptionalMembersAreOmittedNeverWrittenAsNull() {
        String withNulls = Examples.edit(Examples.ENVOY_APPOINTED, d -> {
            d.putNull("mandate");
            d.putNull("reportedAt");
        });

        String written = DevelopmentJson.write(DevelopmentJson.read(withNulls));

        assertThat(written).doesNotContain("null").doesNotContain("mandate").doesNotContain("reportedAt");
    }

    @Test
    void optionalListsStayAbsentAndEmptyListsStayEmpty() {
        String noTopics = Examples.edit(Examples.TALKS_HELD, d -> d.remove("topics"));
        String emptyTopics = Examples.edit(Examples.TALKS_HELD, d -> d.putArray("topics"));
        String noProvisions = Examples.edit(Examples.PROPOSAL_TABLED, d -> d.putArray("provisions"));

        assertThat(((TalksHeld) DevelopmentJson.read(noTopics)).topics()).isNull();
        assertThat(DevelopmentJson.write(DevelopmentJson.read(noTopics))).isEqualTo(noTopics);
        assertThat(((TalksHeld) DevelopmentJson.read(emptyTopics)).topics()).isEmpty();
        assertThat(DevelopmentJson.write(DevelopmentJson.read(emptyTopics))).isEqualTo(emptyTopics);
        assertThat(DevelopmentJson.write(DevelopmentJson.read(noProvisions))).isEqualTo(noProvisions);
    }

    @Test
    void equalQuantitiesAreEqualContentWrittenInPlainDigits() {
        Map<String, String> spellings = Map.of("5", "5", "5.0", "5", "5.000", "5", "1e3", "1000", "1000.50", "1000.5",
                "0.0", "0", "0.0000000001", "0.0000000001", "12345678901234567.5", "12345678901234567.5");
        spellings.forEach((given, written) -> {
            String json = Examples.AREA_DEFINED.replace("1000.5", given);
            String canonical = Examples.AREA_DEFINED.replace("1000.5", written);

            Development read = DevelopmentJson.read(json);

            assertThat(DevelopmentJson.write(read)).as(given).isEqualTo(canonical);
            assertThat(read).as(given).isEqualTo(DevelopmentJson.read(canonical));
        });
    }

    @Test
    void instantsWithAnOffsetAreWrittenInUtc() {
        String json = Examples.ENVOY_APPOINTED.replace("2024-11-28T09:00:00Z", "2024-11-28T10:00:00+01:00");

        assertThat(DevelopmentJson.write(DevelopmentJson.read(json))).isEqualTo(Examples.ENVOY_APPOINTED);
    }

    @Test
    void aLeadingByteOrderMarkIsIgnored() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = Examples.ENVOY_APPOINTED.getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(json, 0, both, bom.length, json.length);

        assertThat(DevelopmentJson.read(both)).isEqualTo(DevelopmentJson.read(json));
    }

    @Test
    void recordsBuiltInJavaWriteWhatTheyRead() {
        Development built = new CommitmentMade(DevelopmentId.of("pledge-1"), ProcessId.of("ru-ua"),
                LocalDate.of(2024, 11, 23), null, Source.of("BBC"), ActorId.of("fr"), CommitmentKind.MILITARY_AID,
                null, new BigDecimal("1.50E+9"), "EUR", null, CommitmentStatus.PLEDGED);

        String written = DevelopmentJson.write(built);

        assertThat(written).isEqualTo("{\"id\":\"pledge-1\",\"process\":\"ru-ua\",\"type\":\"CommitmentMade\","
                + "\"occurredOn\":\"2024-11-23\",\"source\":{\"outlet\":\"BBC\"},\"actor\":\"fr\",\"kind\":\"military-aid\","
                + "\"amount\":1500000000,\"unit\":\"EUR\",\"status\":\"pledged\"}");
        assertThat(DevelopmentJson.read(written)).isEqualTo(built);
    }

    @Test
    void theSubtypeNamesOnTheInterfaceAreTheCatalogueWireNames() {
        JsonSubTypes subTypes = Development.class.getAnnotation(JsonSubTypes.class);

        Map<Class<?>, String> annotated = Arrays.stream(subTypes.value())
                .collect(Collectors.toMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));
        Map<Class<?>, String> catalogue = Arrays.stream(DevelopmentType.values())
                .collect(Collectors.toMap(DevelopmentType::javaType, DevelopmentType::wireName));
        assertThat(annotated).isEqualTo(catalogue);
        assertThat(List.of(Development.class.getPermittedSubclasses())).hasSize(DevelopmentType.values().length);
    }

    @Test
    void theSharedMapperIsOneInstanceAndLooseningItDoesNotLoosenReading() {
        assertThat(DevelopmentJson.mapper()).isSameAs(DevelopmentJson.mapper());
        String unknownField = Examples.edit(Examples.ENVOY_LEFT, d -> d.put("bogus", 1));

        DevelopmentJson.mapper().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DevelopmentJson.read(unknownField))
                    .isInstanceOf(InvalidDevelopmentException.class);
        } finally {
            DevelopmentJson.mapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
    }
}
