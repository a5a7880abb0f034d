package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diplomacytracker.events.Examples.edit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the wire contract refuses with the field it concerns and a message that starts with it. */
class DevelopmentRefusalTest {

    private static final String TYPES = "ProcessOpened, ActorRegistered, IssueDefined, AreaDefined, EnvoyAppointed, "
            + "EnvoyLeft, PositionStated, ProposalTabled, ProposalAmended, ProposalWithdrawn, TalksHeld, "
            + "TerritoryControlChanged, CommitmentMade, DevelopmentRetracted, DevelopmentCorrected";
    private static final String ID_RULE = "must be 1 to 128 characters of A-Z a-z 0-9 . _ : - (no spaces or slashes), got ";
    private static final String STANCES = "rejects, opposes, open, supports, demands";

    /** A message ending in "…" is checked as a prefix. */
    private static Arguments refused(String rule, String json, String field, String message) {
        return Arguments.of(rule, json, field, message);
    }

    static Stream<Arguments> rules() {
        String envoy = Examples.ENVOY_APPOINTED;
        String position = Examples.POSITION_STATED;
        String correction = Examples.DEVELOPMENT_CORRECTED;
        return Stream.of(
                // required members
                refused("missing occurredOn", edit(envoy, d -> d.remove("occurredOn")), "occurredOn", "occurredOn is required"),
                refused("missing id", edit(envoy, d -> d.remove("id")), "id", "id is required"),
                refused("missing process", edit(envoy, d -> d.remove("process")), "process", "process is required"),
                refused("missing source", edit(envoy, d -> d.remove("source")), "source", "source is required"),
                refused("missing source outlet", edit(envoy, d -> source(d).remove("outlet")),
                        "source.outlet", "source.outlet is required"),
                refused("missing office", edit(envoy, d -> d.remove("office")), "office", "office is required"),
                refused("null for a required member", edit(position, d -> d.putNull("stance")), "stance", "stance is required"),
                refused("missing talks format", edit(Examples.TALKS_HELD, d -> d.remove("format")), "format", "format is required"),
                refused("missing provisions", edit(Examples.PROPOSAL_TABLED, d -> d.remove("provisions")),
                        "provisions", "provisions is required"),
                refused("missing retraction reason", edit(Examples.DEVELOPMENT_RETRACTED, d -> d.remove("reason")),
                        "reason", "reason is required"),
                // strings
                refused("blank title", edit(Examples.PROCESS_OPENED, d -> d.put("title", "   ")), "title", "title must not be blank"),
                refused("empty office", edit(envoy, d -> d.put("office", "")), "office", "office must not be blank"),
                refused("blank outlet", edit(envoy, d -> source(d).put("outlet", "\u00a0")),
                        "source.outlet", "source.outlet must not be blank"),
                refused("blank quote", edit(position, d -> d.put("quote", " \n ")), "quote", "quote must not be blank"),
                refused("title over 500 characters", edit(Examples.ISSUE_DEFINED, d -> d.put("title", Examples.repeat('t', 501))),
                        "title", "title must be at most 500 characters, got 501"),
                refused("quote over 10,000 characters", edit(position, d -> d.put("quote", Examples.repeat('q', 10_001))),
                        "quote", "quote must be at most 10000 characters, got 10001"),
                refused("name on two lines", edit(Examples.ACTOR_REGISTERED, d -> d.put("name", "Keith\nKellogg")),
                        "name", "name must be a single line without control characters, found U+000A"),
                refused("control character in free text", edit(position, d -> d.put("quote", "a\u0007b")),
                        "quote", "quote must not contain control characters other than line breaks and tabs, found U+0007"),
                refused("unpaired surrogate", envoy.replace("Special Envoy", "Special Envoy \\ud800"),
                        "office", "office contains an unpaired surrogate (U+D800); send valid Unicode text"),
                refused("relative url", edit(envoy, d -> source(d).put("url", "example.org/a")),
                        "source.url", "source.url must be an absolute http or https URL, got 'example.org/a'"),
                refused("ftp url", edit(envoy, d -> source(d).put("url", "ftp://example.org/a")),
                        "source.url", "source.url must be an absolute http or https URL, got 'ftp://example.org/a'"),
                refused("url over 2,000 characters",
                        edit(envoy, d -> source(d).put("url", "https://example.org/" + Examples.repeat('a', 1981))),
                        "source.url", "source.url must be at most 2000 characters, got 2001"),
                // wrong JSON types: no coercion
                refused("number for a string", edit(envoy, d -> d.put("office", 5)), "office", "office must be a string, got the number 5"),
                refused("boolean for a string", edit(envoy, d -> d.put("office", true)),
                        "office", "office must be a string, got the boolean true"),
                refused("array for a string", edit(envoy, d -> d.putArray("office").add("x")),
                        "office", "office must be a string, got an array"),
                refused("number for an id", edit(envoy, d -> d.put("person", 7)), "person", "person must be a string, got the number 7"),
                refused("string for a list", edit(Examples.TALKS_HELD, d -> d.put("participants", "us")),
                        "participants", "participants must be an array, got the string 'us'"),
                refused("string for an object", edit(envoy, d -> d.put("source", "MailOnline")),
                        "source", "source must be an object, got the string 'MailOnline'"),
                refused("string for credibility", edit(envoy, d -> source(d).put("credibility", "5")),
                        "source.credibility", "source.credibility must be a whole number, got the string '5'"),
                refused("fraction for credibility", edit(envoy, d -> source(d).put("credibility", 2.5)),
                        "source.credibility", "source.credibility must be a whole number, got the number 2.5"),
                refused("huge credibility", edit(envoy, d -> source(d).put("credibility", 99_999_999_999L)),
                        "source.credibility", "source.credibility is out of range, got the number 99999999999"),
                refused("string for an amount", edit(Examples.COMMITMENT_MADE, d -> d.put("amount", "5000")),
                        "amount", "amount must be a number, got the string '5000'"),
                refused("number for a stance", edit(position, d -> d.put("stance", 2)),
                        "stance", "stance must be one of " + STANCES + ", got the number 2"),
                refused("number for a date", edit(envoy, d -> d.put("occurredOn", 20241127)),
                        "occurredOn", "occurredOn must be an ISO date like 2024-11-27, got the number 20241127"),
                // unknown and duplicate members
                refused("unknown field", edit(envoy, d -> d.put("bogus", 1)), "bogus",
                        "bogus is not a field of EnvoyAppointed; its fields are id, process, type, occurredOn, reportedAt, "
                                + "source, person, office, appointedBy, represents, mandate"),
                refused("field of another type", edit(Examples.ENVOY_LEFT, d -> d.put("appointedBy", "x")), "appointedBy",
                        "appointedBy is not a field of EnvoyLeft; its fields are id, process, type, occurredOn, reportedAt, "
                                + "source, person, office"),
                refused("unknown field in the source", edit(envoy, d -> source(d).put("page", 3)), "source.page",
                        "source.page is not a field of a source; its fields are outlet, url, title, attribution, reliability, "
                                + "credibility"),
                refused("duplicate key", envoy.replace("\"office\":", "\"person\":\"x\",\"office\":"),
                        "person", "person appears twice; give each field once"),
                refused("duplicate key in the source", envoy.replace("\"outlet\":", "\"outlet\":\"x\",\"outlet\":"),
                        "source.outlet", "source.outlet appears twice; give each field once"),
                // type
                refused("unknown type", edit(envoy, d -> d.put("type", "EnvoyFired")), "type",
                        "type must be one of " + TYPES + ", got 'EnvoyFired'"),
                refused("missing type", edit(envoy, d -> d.remove("type")), "type", "type is required: one of " + TYPES),
                refused("type not a string", edit(envoy, d -> d.put("type", 4)), "type",
                        "type must be a string, one of " + TYPES + ", got the number 4"),
                // dates and instants
                refused("impossible date", edit(envoy, d -> d.put("occurredOn", "2024-02-30")),
                        "occurredOn", "occurredOn must be an ISO date like 2024-11-27, got '2024-02-30'"),
                refused("date with a time", edit(envoy, d -> d.put("occurredOn", "2024-11-27T10:00:00")),
                        "occurredOn", "occurredOn must be an ISO date like 2024-11-27, got '2024-11-27T10:00:00'"),
                refused("date before 1900", edit(envoy, d -> d.put("occurredOn", "1899-12-31")),
                        "occurredOn", "occurredOn must be between 1900-01-01 and 2100-12-31, got 1899-12-31"),
                refused("bad instant", edit(envoy, d -> d.put("reportedAt", "yesterday")),
                        "reportedAt", "reportedAt must be an ISO-8601 instant like 2024-11-28T09:00:00Z, got 'yesterday'"),
                refused("date for an instant", edit(envoy, d -> d.put("reportedAt", "2024-11-28")),
                        "reportedAt", "reportedAt must be an ISO-8601 instant like 2024-11-28T09:00:00Z, got '2024-11-28'"),
                // ids
                refused("id with a space", edit(envoy, d -> d.put("id", "kellogg envoy")), "id", "id " + ID_RULE + "'kellogg envoy'"),
                refused("id with a slash", edit(envoy, d -> d.put("person", "keith/kellogg")),
                        "person", "person " + ID_RULE + "'keith/kellogg'"),
                refused("id of 129 characters", edit(envoy, d -> d.put("process", Examples.repeat('p', 129))),
                        "process", "process " + ID_RULE + "'" + Examples.repeat('p', 37) + "...'"),
                refused("empty id", edit(envoy, d -> d.put("represents", "")), "represents", "represents " + ID_RULE + "''"),
                // enums
                refused("bad stance", edit(position, d -> d.put("stance", "maybe")),
                        "stance", "stance must be one of " + STANCES + ", got 'maybe'"),
                refused("stance in capitals", edit(position, d -> d.put("stance", "REJECTS")),
                        "stance", "stance must be one of " + STANCES + ", got 'REJECTS'"),
                refused("bad actor kind", edit(Examples.ACTOR_REGISTERED, d -> d.put("kind", "country")),
                        "kind", "kind must be one of state, organisation, person, group, got 'country'"),
                refused("bad talks format", edit(Examples.TALKS_HELD, d -> d.put("format", "loud")),
                        "format", "format must be one of bilateral, multilateral, secret, indirect, got 'loud'"),
                refused("bad control status", edit(Examples.TERRITORY_CONTROL_CHANGED, d -> d.put("status", "occupied")),
                        "status", "status must be one of controlled, contested, got 'occupied'"),
                refused("bad commitment kind", edit(Examples.COMMITMENT_MADE, d -> d.put("kind", "military_aid")),
                        "kind", "kind must be one of troops, military-aid, financial, guarantee, sanctions, reconstruction, "
                                + "got 'military_aid'"),
                refused("bad commitment status", edit(Examples.COMMITMENT_MADE, d -> d.put("status", "promised")),
                        "status", "status must be one of considered, pledged, delivered, withdrawn, got 'promised'"),
                // Admiralty code
                refused("bad reliability", edit(envoy, d -> source(d).put("reliability", "G")), "source.reliability",
                        "source.reliability must be one of A, B, C, D, E, F (Admiralty code), got 'G'"),
                refused("lower-case reliability", edit(envoy, d -> source(d).put("reliability", "b")), "source.reliability",
                        "source.reliability must be one of A, B, C, D, E, F (Admiralty code), got 'b'"),
                refused("credibility too high", edit(envoy, d -> source(d).put("credibility", 9)), "source.credibility",
                        "source.credibility must be between 1 and 6 (Admiralty code), got 9"),
                refused("credibility zero", edit(envoy, d -> source(d).put("credibility", 0)), "source.credibility",
                        "source.credibility must be between 1 and 6 (Admiralty code), got 0"),
                // quantities
                refused("negative amount", edit(Examples.COMMITMENT_MADE, d -> d.put("amount", -5)),
                        "amount", "amount must not be negative, got -5"),
                refused("area with too many decimals", Examples.AREA_DEFINED.replace("1000.5", "0.00000000001"),
                        "areaKm2", "areaKm2 must have at most 18 digits before the decimal point and 10 after it, got 1E-11"),
                refused("astronomical area", Examples.AREA_DEFINED.replace("1000.5", "1e999999999"),
                        "areaKm2", "areaKm2 must have at most 18 digits before the decimal point and 10 after it, got 1E+999999999"),
                // one of issue or proposal
                refused("both issue and proposal", edit(position, d -> d.put("proposal", "wsj-transition-plan")),
                        null, "give exactly one of issue or proposal; both were given"),
                refused("neither issue nor proposal", edit(position, d -> d.remove("issue")),
                        null, "give exactly one of issue or proposal; neither was given"),
                // lists
                refused("no parties", edit(Examples.PROCESS_OPENED, d -> d.putArray("parties")),
                        "parties", "parties must name at least one actor"),
                refused("repeated party", edit(Examples.PROCESS_OPENED, d -> d.putArray("parties").add("ua").add("ua")),
                        "parties.1", "parties.1 repeats 'ua'"),
                refused("no participants", edit(Examples.TALKS_HELD, d -> d.putArray("participants")),
                        "participants", "participants must name at least one actor"),
                refused("repeated participant", edit(Examples.TALKS_HELD, d -> d.putArray("participants").add("us").add("ua").add("us")),
                        "participants.2", "participants.2 repeats 'us'"),
                refused("bad participant id", edit(Examples.TALKS_HELD, d -> d.putArray("participants").add("us").add("u a")),
                        "participants.1", "participants.1 " + ID_RULE + "'u a'"),
                refused("null participant", edit(Examples.TALKS_HELD, d -> d.putArray("participants").add("us").addNull()),
                        "participants.1", "participants.1 must not be null"),
                refused("repeated topic", edit(Examples.TALKS_HELD, d -> d.putArray("topics").add("dmz").add("dmz")),
                        "topics.1", "topics.1 repeats 'dmz'"),
                // nested paths
                refused("provision without issue", edit(Examples.PROPOSAL_TABLED, d -> provision(d, 0).remove("issue")),
                        "provisions.0.issue", "provisions.0.issue is required"),
                refused("provision with a bad issue id", edit(Examples.PROPOSAL_TABLED, d -> provision(d, 1).put("issue", "nato membership")),
                        "provisions.1.issue", "provisions.1.issue " + ID_RULE + "'nato membership'"),
                refused("provision with a blank term", edit(Examples.PROPOSAL_AMENDED, d -> provision(d, 0).put("term", " ")),
                        "provisions.0.term", "provisions.0.term must not be blank"),
                refused("provision with an unknown field", edit(Examples.PROPOSAL_TABLED, d -> provision(d, 0).put("weight", 1)),
                        "provisions.0.weight", "provisions.0.weight is not a field of a provision; its fields are issue, term"),
                refused("provision as a string", edit(Examples.PROPOSAL_TABLED, d -> d.putArray("provisions").add("20 years")),
                        "provisions.0", "provisions.0 must be an object, got the string '20 years'"),
                // corrections and retractions
                refused("bad stance in a replacement", edit(correction, d -> replacement(d).put("stance", "maybe")),
                        "replacement.stance", "replacement.stance must be one of " + STANCES + ", got 'maybe'"),
                refused("replacement with both issue and proposal",
                        edit(correction, d -> replacement(d).put("proposal", "wsj-transition-plan")), "replacement",
                        "replacement: give exactly one of issue or proposal; both were given"),
                refused("replacement without stance", edit(correction, d -> replacement(d).remove("stance")),
                        "replacement.stance", "replacement.stance is required"),
                refused("replacement with an unknown field", edit(correction, d -> replacement(d).put("bogus", 1)),
                        "replacement.bogus", "replacement.bogus is not a field of PositionStated; …"),
                refused("replacement without type", edit(correction, d -> replacement(d).remove("type")),
                        "replacement.type", "replacement.type is required: one of " + TYPES),
                refused("replacement of an unknown type", edit(correction, d -> replacement(d).put("type", "Rumour")),
                        "replacement.type", "replacement.type must be one of " + TYPES + ", got 'Rumour'"),
                refused("replacement as a string", edit(correction, d -> d.put("replacement", "naryshkin-rejects-freeze")),
                        "replacement", "replacement must be a JSON object (a full development with its own type), "
                                + "got the string 'naryshkin-rejects-freeze'"),
                refused("replacement with another id", edit(correction, d -> replacement(d).put("id", "other")),
                        "replacement.id", "replacement.id must equal the target 'naryshkin-rejects-freeze', got 'other'"),
                refused("replacement in another process", edit(correction, d -> replacement(d).put("process", "il-ps")),
                        "replacement.process", "replacement.process must equal the correction's process 'ru-ua', got 'il-ps'"),
                refused("retraction as a replacement", edit(correction, d -> d.set("replacement",
                                Examples.tree(edit(Examples.DEVELOPMENT_RETRACTED, r -> r.put("id", "naryshkin-rejects-freeze"))))),
                        "replacement.type", "replacement.type must not be DevelopmentRetracted: retractions and corrections "
                                + "cannot be corrected, only retracted"),
                refused("correction as a replacement", edit(correction, d -> d.set("replacement",
                                Examples.tree(edit(correction, r -> {
                                    r.put("id", "naryshkin-rejects-freeze").put("target", "earlier");
                                    replacement(r).put("id", "earlier");
                                })))),
                        "replacement.type", "replacement.type must not be DevelopmentCorrected: …"),
                refused("correction of itself", edit(correction, d -> d.put("target", "correct-naryshkin")),
                        "target", "target must name an earlier development, not this correction's own id 'correct-naryshkin'"),
                refused("retraction of itself", edit(Examples.DEVELOPMENT_RETRACTED, d -> d.put("target", "retract-wsj-plan")),
                        "target", "target must name an earlier development, not this retraction's own id 'retract-wsj-plan'"),
                refused("actor affiliated with itself", edit(Examples.ACTOR_REGISTERED, d -> d.put("affiliation", "keith-kellogg")),
                        "affiliation", "affiliation must name another actor than 'keith-kellogg' itself"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleRefusesWithItsFieldAndAMessageThatStartsWithIt(String rule, String json, String field, String message) {
        assertRefused(() -> DevelopmentJson.read(json), field, message);
        assertRefused(() -> DevelopmentJson.read(json.getBytes(StandardCharsets.UTF_8)), field, message);
    }

    static Stream<Arguments> malformed() {
        String envoy = Examples.ENVOY_APPOINTED;
        return Stream.of(
                refused("malformed JSON", "{\"id\": }", null, "malformed JSON at line 1, column 8"),
                refused("malformed JSON on a later line", "{\n  \"id\": \"a\",\n  \"process\" \"ru-ua\"\n}",
                        null, "malformed JSON at line 3, column 13"),
                refused("truncated JSON", envoy.substring(0, 40), null,
                        "malformed JSON at line 1, column 41: the JSON ends before the development is complete"),
                refused("trailing tokens", envoy + " {}", null,
                        "malformed JSON at line 1, column " + (envoy.length() + 2) + ": unexpected content after the development"),
                refused("trailing garbage", envoy + "x", null, "malformed JSON at line 1, column …"),
                refused("single quotes", "{'id':'a'}", null, "malformed JSON at line 1, column 2"),
                refused("comments", "{/* a */\"id\":\"a\"}", null, "malformed JSON at line 1, column 2"),
                refused("NaN", Examples.AREA_DEFINED.replace("1000.5", "NaN"), null, "malformed JSON at line 1, column …"),
                refused("array at top level", "[" + envoy + "]", null, "a development must be a JSON object, got an array"),
                refused("string at top level", "\"kellogg-envoy\"", null, "a development must be a JSON object, got a string"),
                refused("number at top level", "42", null, "a development must be a JSON object, got a number"),
                refused("null at top level", "null", null, "a development must be a JSON object, got null"),
                refused("empty body", "", null, "the body is empty: a development must be a JSON object"),
                refused("blank body", " \n ", null, "the body is empty: a development must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void textThatIsNotOneJsonObjectIsRefusedWithoutAField(String rule, String json, String field, String message) {
        assertRefused(() -> DevelopmentJson.read(json), field, message);
    }

    @Test
    void invalidUtf8IsRefusedBeforeParsing() {
        byte[] json = Examples.ENVOY_APPOINTED.getBytes(StandardCharsets.UTF_8);
        json[json.length - 5] = (byte) 0xC3; // a lead byte followed by an ASCII character
        byte[] overlong = "{\"id\":\"\u00c0\u00af\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] truncated = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xE2, (byte) 0x82};

        for (byte[] bad : new byte[][] {json, overlong, truncated}) {
            assertRefused(() -> DevelopmentJson.read(bad), null, "the body is not valid UTF-8…");
        }
    }

    @Test
    void aTreeThatIsNotAnObjectIsRefused() {
        assertRefused(() -> DevelopmentJson.fromTree(JsonNodeFactory.instance.arrayNode()), null,
                "a development must be a JSON object, got an array");
        assertRefused(() -> DevelopmentJson.fromTree(null), null, "a development must be a JSON object, got nothing");
        assertRefused(() -> DevelopmentJson.fromTree(Examples.tree(Examples.ENVOY_APPOINTED).put("office", 5)),
                "office", "office must be a string, got the number 5");
    }

    @Test
    void theSharedMapperRefusesAConcreteClassWithTheWrongFields() {
        String left = Examples.edit(Examples.ENVOY_LEFT, d -> d.put("office", " "));

        assertThatThrownBy(() -> DevelopmentJson.mapper().readValue(left, EnvoyLeft.class))
                .hasRootCauseInstanceOf(InvalidDevelopmentException.class)
                .hasRootCauseMessage("office must not be blank");
    }

    static void assertRefused(ThrowingCallable read, String field, String message) {
        assertThatThrownBy(read).isInstanceOfSatisfying(InvalidDevelopmentException.class, e -> {
            assertThat(e.field()).as("field").isEqualTo(field);
            if (message.endsWith("…")) {
                assertThat(e.getMessage()).startsWith(message.substring(0, message.length() - 1));
            } else {
                assertThat(e.getMessage()).isEqualTo(message);
            }
            assertThat(e.getMessage()).doesNotContain("com.fasterxml", "Exception", "jackson", "Jackson");
        });
    }

    private static ObjectNode source(ObjectNode development) {
        return (ObjectNode) development.get("source");
    }

    private static ObjectNode provision(ObjectNode development, int index) {
        return (ObjectNode) development.get("provisions").get(index);
    }

    private static ObjectNode replacement(ObjectNode development) {
        return (ObjectNode) development.get("replacement");
    }
}
