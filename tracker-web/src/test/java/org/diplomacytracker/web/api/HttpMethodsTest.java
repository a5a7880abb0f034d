package org.diplomacytracker.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.testing.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.diplomacytracker.web.testing.Api;
import org.diplomacytracker.web.testing.Reply;
import org.diplomacytracker.web.testing.RunningTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What HTTP promises about methods, against a tracker holding the demo data set: every GET of the API
 * answers HEAD with the same status and headers and no body; a method a resource does not take is a 405 that says,
 * in {@code Allow}, which ones it does; the live endpoint asked without a websocket upgrade says so.
 */
class HttpMethodsTest {

    @TempDir
    static Path data;

    private static RunningTracker tracker;
    private static Api api;

    @BeforeAll
    static void recordDemo() {
        tracker = RunningTracker.withDemo(data);
        api = tracker.api();
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {
            "/api/processes",
            "/api/processes/ru-ua/developments/kellogg-envoy",
            "/api/processes/ru-ua/timeline?limit=5",
            "/api/processes/ru-ua/state?asOf=2024-11-20&knownAt=2024-11-20",
            "/api/processes/ru-ua/positions/ru/frontline-freeze/history",
            "/api/processes/ru-ua/diff?from=2024-11-26&to=2024-11-28",
            "/api/processes/ru-ua/state?asOf=2024-13-45",
            "/api/processes/no-such-process/state",
            "/api/processes/ru-ua/developments/no-such-development"})
    void everyGetAnswersHeadWithItsStatusAndHeadersAndNoBody(String path) {
        Reply get = api.get(path);
        Reply head = RawRequests.send(api, "HEAD", path, new byte[0]);
        assertThat(head.status()).as("HEAD %s: %s", path, head).isEqualTo(get.status());
        assertThat(withoutDate(head)).as("headers of HEAD %s", path).isEqualTo(withoutDate(get));
        assertThat(head.header("Content-Length")).as("Content-Length of HEAD %s", path)
                .isEqualTo(Integer.toString(get.body().length));
        assertThat(head.body()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "DELETE, /api/processes, 'GET, HEAD'",
            "POST, /api/processes/ru-ua/state, 'GET, HEAD'",
            "PUT, /api/processes/ru-ua/developments/kellogg-envoy, 'GET, HEAD'",
            "OPTIONS, /api/processes/ru-ua/timeline, 'GET, HEAD'",
            "GET, /api/developments, POST",
            "PATCH, /api/developments, POST",
            "POST, /, 'GET, HEAD'"})
    void methodNotAllowedSaysWhichMethodsAre(String method, String path, String allowed) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Reply reply = RawRequests.send(api, method, path, body, "Content-Type", "application/json");
        assertThat(reply.header("Allow")).as("Allow of %s %s", method, path).isEqualTo(allowed);
        assertThat(assertProblem(reply, 405).get("detail").asText()).contains(method, allowed);
    }

    @Test
    void headOfAPostOnlyResourceIsMethodNotAllowedWithoutABody() {
        Reply reply = RawRequests.send(api, "HEAD", "/api/developments", new byte[0]);
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("POST");
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void liveEndpointAskedWithoutAWebsocketUpgradeSaysToUpgrade() {
        Reply reply = api.get("/api/live");
        assertThat(assertProblem(reply, 426).get("detail").asText()).contains("websocket");
        assertThat(reply.header("Upgrade")).isEqualTo("websocket");

        Reply head = RawRequests.send(api, "HEAD", "/api/live", new byte[0]);
        assertThat(head.status()).isEqualTo(426);
        assertThat(head.header("Upgrade")).isEqualTo("websocket");
        assertThat(head.body()).isEmpty();
    }

    private static Map<String, List<String>> withoutDate(Reply reply) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(reply.headers().map());
        headers.remove("date");
        return headers;
    }

    @Test
    void whatTheHttpDecoderRefusesIsAProblemToo() {
        Reply longLine = RawRequests.overSocket(api, "GET /api/processes?q=" + "x".repeat(9_000)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertProblem(longLine, 414);
        Reply bigHeaders = RawRequests.overSocket(api, "GET /api/processes HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Big: " + "y".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertProblem(bigHeaders, 431);
        assertThat(api.processes().path("processes").isArray()).as("the server goes on serving").isTrue();
    }
}
