package org.diplomacytracker.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.testing.NewDevelopments.json;
import static org.diplomacytracker.web.testing.NewDevelopments.ndjson;
import static org.diplomacytracker.web.testing.Problems.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.diplomacytracker.web.testing.Api;
import org.diplomacytracker.web.testing.DemoData;
import org.diplomacytracker.web.testing.LogCapture;
import org.diplomacytracker.web.testing.NewDevelopments;
import org.diplomacytracker.web.testing.Reply;
import org.diplomacytracker.web.testing.RunningTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Everything a client can get wrong, against a tracker holding the demo data set: each is answered
 * with a problem that names the field (and the NDJSON line) to fix, leaks no internals, and leaves the
 * store exactly as it was — checked after every test, on the process list and in the database.
 */
class BadInputTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static Api api;

    private JsonNode processesBefore;
    private long headBefore;

    @BeforeAll
    static void recordDemo() {
        tracker = RunningTracker.withDemo(data);
        api = tracker.api();
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @BeforeEach
    void rememberStore() {
        processesBefore = api.processes();
        headBefore = tracker.headOffset();
    }

    @AfterEach
    void storeIsUnchanged() {
        assertThat(tracker.headOffset()).as("the event store's head").isEqualTo(headBefore);
        assertThat(api.processes()).as("GET /api/processes").isEqualTo(processesBefore);
    }

    // --- one development, application/json: ill-formed ---

    @Test
    void malformedJsonIsRefusedAsBadRequest() {
        assertProblem(api.postJson("{\"id\":\"half-a-development\",\"process\":"), 400);
        assertProblem(api.postJson("{\"id\":\"x\" \"process\":\"ru-ua\"}"), 400);
    }

    @Test
    void emptyBodyIsRefusedAsBadRequest() {
        assertProblem(api.postJson(""), 400);
    }

    @Test
    void unknownTypeIsRefusedNamingType() {
        assertProblem(api.postJson(NewDevelopments.position("vanished").put("type", "EnvoyVanished")), 400, "type");
    }

    @Test
    void missingFieldIsRefusedNamingIt() {
        ObjectNode envoy = NewDevelopments.envoyAppointed("no-office");
        envoy.remove("office");
        JsonNode problem = assertProblem(api.postJson(envoy), 400, "office");
        assertThat(problem.get("detail").asText()).contains("office");

        ObjectNode unsourced = NewDevelopments.position("no-outlet");
        ((ObjectNode) unsourced.get("source")).remove("outlet");
        assertProblem(api.postJson(unsourced), 400, "source.outlet");
    }

    @Test
    void fieldOfTheWrongJsonTypeIsRefusedNamingIt() {
        assertProblem(api.postJson(NewDevelopments.position("numeric-stance").put("stance", 5)), 400, "stance");

        ObjectNode textCredibility = NewDevelopments.position("text-credibility");
        ((ObjectNode) textCredibility.get("source")).put("credibility", "2");
        assertProblem(api.postJson(textCredibility), 400, "source.credibility");
    }

    @Test
    void impossibleDateIsRefusedNamingOccurredOn() {
        JsonNode problem = assertProblem(
                api.postJson(NewDevelopments.position("leap").put("occurredOn", "2024-02-30")), 400, "occurredOn");
        assertThat(problem.get("detail").asText()).contains("2024-02-30");
    }

    @ParameterizedTest(name = "id \"{0}\"")
    @ValueSource(strings = {"bad id", "bad/id", ""})
    void idOutsideTheSlugAlphabetIsRefusedNamingId(String id) {
        assertProblem(api.postJson(NewDevelopments.position("x").put("id", id)), 400, "id");
    }

    @Test
    void arrayWhereAnObjectBelongsIsRefused() {
        assertProblem(api.postJson("[" + NewDevelopments.position("in-an-array") + "]"), 400);

        ObjectNode listedSource = NewDevelopments.position("listed-source");
        listedSource.putArray("source").add(listedSource.objectNode().put("outlet", "Test desk"));
        assertProblem(api.postJson(listedSource), 400, "source");
    }

    @Test
    void unknownStanceIsRefusedNamingStance() {
        assertProblem(api.postJson(NewDevelopments.position("ambivalent").put("stance", "ambivalent")), 400,
                "stance");
    }

    @Test
    void invalidUtf8InAStringIsRefused() {
        byte[] single = withInvalidUtf8(NewDevelopments.position("bad-bytes"));
        assertProblem(api.post("application/json", single), 400);

        byte[] batch = concat(ndjson(NewDevelopments.position("good-bytes")).getBytes(StandardCharsets.UTF_8),
                single, new byte[]{'\n'});
        JsonNode problem = assertProblem(api.postNdjson(batch), 400);
        assertThat(problem.get("line").asInt()).isEqualTo(2);
        assertThat(api.get("/api/processes/ru-ua/developments/good-bytes").status()).isEqualTo(404);
    }

    /** The development with a quote whose bytes are not UTF-8 (0xC3 followed by '('). */
    private static byte[] withInvalidUtf8(ObjectNode development) {
        String text = development.put("quote", "MARK").toString();
        int at = text.indexOf("MARK");
        return concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, '('},
                text.substring(at + 4).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unsupportedContentTypeIsRefusedAs415() {
        Reply reply = api.post("text/plain", NewDevelopments.position("plain").toString()
                .getBytes(StandardCharsets.UTF_8));
        assertProblem(reply, 415);
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/merge-patch+json", "application/problem+json", "application/vnd.api+json",
            "text/json", "application/json; charset=iso-8859-1", "application/json; profile=x",
            "application/x-ndjson; charset=utf-16"})
    void onlyJsonAndNdjsonInUtf8AreAcceptedOtherJsonishTypesAre415(String contentType) {
        Reply reply = api.post(contentType, NewDevelopments.position("jsonish").toString()
                .getBytes(StandardCharsets.UTF_8));
        JsonNode problem = assertProblem(reply, 415);
        assertThat(problem.get("detail").asText()).contains("application/json", "application/x-ndjson");
        assertThat(reply.header("Accept-Post")).isEqualTo("application/json, application/x-ndjson");
    }

    @ParameterizedTest(name = "Content-Encoding: {0}")
    @ValueSource(strings = {"br", "compress", "zstd", "gzip, gzip"})
    void contentEncodingOtherThanGzipOrDeflateIsRefusedAs415(String encoding) {
        Reply reply = RawRequests.post(api, "application/json", encoding,
                NewDevelopments.position("encoded").toString().getBytes(StandardCharsets.UTF_8));
        JsonNode problem = assertProblem(reply, 415);
        assertThat(problem.get("detail").asText()).contains("gzip", "deflate");
        assertThat(reply.header("Accept-Encoding")).isEqualTo("gzip, deflate, identity");
        assertNotStored("encoded");
    }

    @Test
    void bodyThatIsNotWhatItsContentEncodingSaysIsRefused() {
        byte[] plain = NewDevelopments.position("not-gzip").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(assertProblem(RawRequests.post(api, "application/json", "gzip", plain), 400)
                .get("detail").asText()).contains("gzip");
        byte[] truncated = RawRequests.gzip(plain);
        assertProblem(RawRequests.post(api, "application/json", "gzip",
                Arrays.copyOf(truncated, truncated.length - 12)), 400);
        assertProblem(RawRequests.post(api, Api.NDJSON, "deflate", plain), 400);
        assertNotStored("not-gzip");
    }

    // --- one development: well-formed but refused by the process ---

    static Stream<Arguments> unknownReferences() {
        ObjectNode byProposal = NewDevelopments.position("on-no-plan");
        byProposal.remove("issue");
        byProposal.put("proposal", "no-such-plan");
        return Stream.of(
                Arguments.of("process", NewDevelopments.position("elsewhere").put("process", "no-such-process")),
                Arguments.of("actor", NewDevelopments.position("by-nobody").put("actor", "nobody")),
                Arguments.of("issue", NewDevelopments.position("on-nothing").put("issue", "no-such-issue")),
                Arguments.of("proposal", byProposal),
                Arguments.of("area", NewDevelopments.territory("atlantis-falls").put("area", "atlantis")),
                Arguments.of("controller", NewDevelopments.territory("held-by-nobody").put("controller", "nobody")),
                Arguments.of("target", json("""
                        {"id":"retracts-nothing","process":"ru-ua","type":"DevelopmentRetracted",
                         "occurredOn":"2024-12-05","source":{"outlet":"Test desk"},
                         "target":"no-such-development","reason":"never recorded"}""")));
    }

    @ParameterizedTest(name = "unknown {0}")
    @MethodSource("unknownReferences")
    void unknownReferenceIsRefusedAs422NamingIt(String field, ObjectNode development) {
        JsonNode problem = assertProblem(api.postJson(development), 422, field);
        assertThat(problem.has("line")).as("no line for a single development").isFalse();
    }

    @Test
    void retractingAnAlreadyRetractedDevelopmentIsAConflict() {
        assertProblem(api.postJson(json("""
                {"id":"call-denied-again","process":"ru-ua","type":"DevelopmentRetracted","occurredOn":"2024-11-12",
                 "source":{"outlet":"Test desk"},"target":"trump-putin-call-reported","reason":"still denied"}""")),
                409, "target");
    }

    @Test
    void correctingIntoAnotherTypeIsAConflict() {
        ObjectNode replacement = json("""
                {"id":"kellogg-envoy","process":"ru-ua","type":"TalksHeld","occurredOn":"2024-11-27",
                 "source":{"outlet":"Test desk"},"participants":["us","ua"],"format":"bilateral"}""");
        ObjectNode correction = json("""
                {"id":"kellogg-envoy-as-talks","process":"ru-ua","type":"DevelopmentCorrected",
                 "occurredOn":"2024-12-05","source":{"outlet":"Test desk"},"target":"kellogg-envoy"}""");
        correction.set("replacement", replacement);
        JsonNode problem = assertProblem(api.postJson(correction), 409);
        assertThat(problem.get("field").asText()).startsWith("replacement");
    }

    @Test
    void envoyLeavingAnOfficeNeverHeldIsRefusedAs422() {
        // Kellogg holds an office, but not this one
        assertProblem(api.postJson(json("""
                {"id":"kellogg-leaves-other","process":"ru-ua","type":"EnvoyLeft","occurredOn":"2024-12-05",
                 "source":{"outlet":"Test desk"},"person":"keith-kellogg","office":"Secretary of State"}""")),
                422, "office");
        // nor did he hold his own before he was appointed to it (2024-11-27)
        assertProblem(api.postJson(json("""
                {"id":"kellogg-leaves-early","process":"ru-ua","type":"EnvoyLeft","occurredOn":"2024-11-01",
                 "source":{"outlet":"Test desk"},"person":"keith-kellogg",
                 "office":"Special Envoy for Ukraine and Russia"}""")), 422, "office");
    }

    @Test
    void envoyWhoLeftAnOfficeCannotLeaveItAgain() {
        // Arakhamia's delegation ended on 2022-05-17 (arakhamia-delegation-ended): on 1 June he holds no office
        assertProblem(api.postJson(json("""
                {"id":"arakhamia-leaves-again","process":"ru-ua","type":"EnvoyLeft","occurredOn":"2022-06-01",
                 "source":{"outlet":"Test desk"},"person":"david-arakhamia",
                 "office":"Head of Ukraine's delegation to talks with Russia"}""")), 422, "office");
    }

    @Test
    void openingAnOpenProcessAgainIsAConflict() {
        assertProblem(api.postJson(NewDevelopments.processOpened("ru-ua").put("id", "reopened")), 409, "process");
    }

    // --- NDJSON batches: all or nothing, the culprit's line named ---

    @Test
    void batchWithAnInvalidThirdLineIsRefusedWholeNamingTheLine() {
        String batch = ndjson(
                NewDevelopments.position("batch-line-1"),
                NewDevelopments.position("batch-line-2"),
                NewDevelopments.position("batch-line-3").put("stance", "ambivalent"),
                NewDevelopments.position("batch-line-4"),
                NewDevelopments.position("batch-line-5"));
        JsonNode problem = assertProblem(api.postNdjson(batch), 400, "stance");
        assertThat(problem.get("line").asInt()).isEqualTo(3);
        assertNotStored("batch-line-1", "batch-line-2", "batch-line-4");
    }

    @Test
    void batchWithMalformedThirdLineIsRefusedNamingTheLine() {
        String batch = ndjson(
                NewDevelopments.position("malformed-line-1"),
                NewDevelopments.position("malformed-line-2"),
                "{\"id\":\"malformed-line-3\",",
                NewDevelopments.position("malformed-line-4"),
                NewDevelopments.position("malformed-line-5"));
        assertThat(assertProblem(api.postNdjson(batch), 400).get("line").asInt()).isEqualTo(3);
        assertNotStored("malformed-line-1", "malformed-line-2");
    }

    @Test
    void batchWhoseThirdLineNamesAnUnknownActorIsRefusedWholeAs422() {
        String batch = ndjson(
                NewDevelopments.position("ref-line-1"),
                NewDevelopments.position("ref-line-2"),
                NewDevelopments.position("ref-line-3").put("actor", "nobody"),
                NewDevelopments.position("ref-line-4"),
                NewDevelopments.position("ref-line-5"));
        JsonNode problem = assertProblem(api.postNdjson(batch), 422, "actor");
        assertThat(problem.get("line").asInt()).isEqualTo(3);
        assertNotStored("ref-line-1", "ref-line-2");
    }

    @Test
    void batchWhoseThirdLineReusesAnIdWithOtherContentIsRefusedWholeAs409() {
        ObjectNode changedKellogg = DemoData.byId("kellogg-envoy").put("office", "Another office");
        String batch = ndjson(
                NewDevelopments.position("conflict-line-1"),
                DemoData.byId("kellogg-envoy"),
                changedKellogg.put("id", "kellogg-envoy"),
                NewDevelopments.position("conflict-line-4"));
        JsonNode problem = assertProblem(api.postNdjson(batch), 409, "id");
        assertThat(problem.get("line").asInt()).isEqualTo(3);
        assertNotStored("conflict-line-1", "conflict-line-4");
    }

    @Test
    void blankLinesCountInTheLineNumber() {
        String batch = NewDevelopments.position("blank-line-1") + "\n\n"
                + NewDevelopments.position("blank-line-3").put("actor", "nobody") + "\n";
        assertThat(assertProblem(api.postNdjson(batch), 422, "actor").get("line").asInt()).isEqualTo(3);
        assertNotStored("blank-line-1");
    }

    @Test
    void batchOfNothingIsRefused() {
        assertProblem(api.postNdjson("\n  \n"), 400);
    }

    @Test
    void bodyOverTheLimitIsRefusedAs413() {
        // one valid development, then 20 MiB of blanks: were the limit not enforced, it would be stored
        byte[] head = ndjson(NewDevelopments.position("oversize")).getBytes(StandardCharsets.UTF_8);
        byte[] padding = new byte[20 * 1024 * 1024];
        Arrays.fill(padding, (byte) ' ');
        byte[] body = concat(head, padding, new byte[]{'\n'});
        Reply reply;
        try {
            reply = api.send(Api.NDJSON, body);
        } catch (IOException closedEarly) {
            // allowed: the server may answer 413 before reading the body and close the connection
            reply = null;
        }
        if (reply != null) {
            assertProblem(reply, 413);
        }
        assertNotStored("oversize");
    }

    @Test
    void bodyOverTheLimitIsRefusedWithoutAnErrorInTheServerLog() {
        byte[] body = new byte[9 * 1024 * 1024]; // over the 8 MiB default
        Arrays.fill(body, (byte) ' ');
        try (LogCapture log = new LogCapture()) {
            try {
                Reply reply = api.send(Api.NDJSON, body);
                assertProblem(reply, 413);
            } catch (IOException closedEarly) {
                // allowed, as above
            }
            // served by the same event loop after the refusal's handler has returned
            api.processes();
            assertThat(log.errors()).as("a client's oversize upload is not a server error").isEmpty();
        }
    }

    @Test
    void gzipBodyThatInflatesPastTheLimitIsRefusedAs413WithoutInflatingItWhole() throws IOException {
        // one valid development, then 64 MiB of blanks: 64 KiB on the wire, eight times the limit once inflated
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write(ndjson(NewDevelopments.position("inflated")).getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1024 * 1024];
            Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                gzip.write(blanks);
            }
            gzip.write('\n');
        }
        assertThat(compressed.size()).as("the compressed body is well under the limit").isLessThan(1024 * 1024);
        try (LogCapture log = new LogCapture()) {
            JsonNode problem = assertProblem(
                    RawRequests.post(api, Api.NDJSON, "gzip", compressed.toByteArray()), 413);
            assertThat(problem.get("detail").asText()).contains("8388608");
            assertThat(log.errors()).as("a client's oversize upload is not a server error").isEmpty();
        }
        assertNotStored("inflated");
    }

    // --- the request target and the router's own refusals ---

    @Test
    void malformedPercentEscapeInThePathIsABadRequestProblemNotAServerError() {
        try (LogCapture log = new LogCapture()) {
            assertProblem(RawRequests.get(api, "/api/processes/%ZZ/state"), 400);
            assertProblem(RawRequests.get(api, "/api/processes/ru-ua/developments/kellogg-envoy%2"), 400);
            assertProblem(RawRequests.get(api, "/%ZZ"), 400);
            api.processes();
            assertThat(log.errors()).as("a client's malformed URI is not a server error").isEmpty();
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "asOf, /api/processes/ru-ua/state?asOf=%ZZ",
            "knownAt, /api/processes/ru-ua/state?asOf=2024-11-20&knownAt=%2",
            "from, /api/processes/ru-ua/timeline?limit=10&from=%G1",
            "to, /api/processes/ru-ua/diff?from=2024-11-01&to=%"})
    void malformedPercentEscapeInAQueryParameterIsRefusedNamingIt(String field, String target) {
        try (LogCapture log = new LogCapture()) {
            assertProblem(RawRequests.get(api, target), 400, field);
            api.processes();
            assertThat(log.errors()).as("a client's malformed query is not a server error").isEmpty();
        }
    }

    @Test
    void whatTheRouterRefusesItselfIsAProblemToo() {
        try (LogCapture log = new LogCapture()) {
            // HTTP/1.1 without a Host header
            assertProblem(RawRequests.overSocket(api, "GET /api/processes HTTP/1.1\r\nConnection: close\r\n\r\n"),
                    400);
            // an expectation other than 100-continue
            assertProblem(RawRequests.overSocket(api, "POST /api/developments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\nExpect: a-miracle\r\n"
                    + "Connection: close\r\n\r\n{}"), 417);
            api.processes();
            assertThat(log.errors()).isEmpty();
        }
    }

    // --- reads ---

    @Test
    void timelineRefusesIllFormedParametersNamingThem() {
        String timeline = "/api/processes/ru-ua/timeline?";
        assertProblem(api.get(timeline + "from=2024-13-01"), 400, "from");
        assertProblem(api.get(timeline + "to=27-11-2024"), 400, "to");
        assertProblem(api.get(timeline + "from=2024-12-01&to=2024-11-01"), 400);
        assertProblem(api.get(timeline + "limit=0"), 400, "limit");
        assertProblem(api.get(timeline + "limit=1001"), 400, "limit");
        assertProblem(api.get(timeline + "limit=ten"), 400, "limit");
        assertProblem(api.get(timeline + "type=EnvoyVanished"), 400, "type");
        assertProblem(api.get(timeline + "type=EnvoyAppointed,Nope"), 400, "type");
        assertProblem(api.get(timeline + "cursor=not-a-cursor"), 400, "cursor");
        assertProblem(api.get(timeline + "cursor=%21%21%21"), 400, "cursor");
    }

    @Test
    void unknownProcessesDevelopmentsAndRoutesAreNotFoundProblems() {
        assertProblem(api.get("/api/processes/no-such-process/timeline"), 404);
        assertProblem(api.get("/api/processes/no-such-process/developments/kellogg-envoy"), 404);
        assertProblem(api.get("/api/processes/ru-ua/developments/no-such-development"), 404);
        assertProblem(api.get("/api/nothing-here"), 404);
        assertProblem(api.get("/nothing-here-either"), 404);
    }

    private static void assertNotStored(String... ids) {
        for (String id : ids) {
            assertProblem(api.get("/api/processes/ru-ua/developments/" + id), 404);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
