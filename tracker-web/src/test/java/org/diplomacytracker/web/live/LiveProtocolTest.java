package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.live.LiveClient.subscribe;
import static org.diplomacytracker.web.live.Wire.NS;
import static org.diplomacytracker.web.live.Wire.stance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The requests of the live protocol and what a client gets back: errors that leave the connection
 * usable, the subscription limits, frames too large, ping, unsubscribe, and which members each
 * message echoes. One server for the class; each test uses its own connections and development ids.
 */
class LiveProtocolTest {

    @TempDir
    static Path dir;

    private static LiveServer server;
    private static long prelude;

    @BeforeAll
    static void start() {
        server = LiveServer.embedded(dir);
        server.postBatch(Wire.opening(NS));
        prelude = server.post(stance("prelude", "2020-01-02", "north", "prisoners", "open")).offset();
        try (LiveClient first = server.connect()) {
            // from here on every subscription's snapshot includes the prelude
            first.subscribeCaughtUp(subscribe(NS, null, "live"), prelude);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"op\":\"subscribe\","),
                Arguments.of("not an object", "[\"subscribe\",\"north-south\"]"),
                Arguments.of("missing op", "{\"process\":\"north-south\",\"asOf\":\"live\"}"),
                Arguments.of("unknown op", "{\"op\":\"dance\",\"id\":\"d1\"}"),
                Arguments.of("unknown process", "{\"op\":\"subscribe\",\"id\":\"s1\",\"process\":\"atlantis\",\"asOf\":\"live\"}"),
                Arguments.of("process missing", "{\"op\":\"subscribe\",\"id\":\"s2\",\"asOf\":\"live\"}"),
                Arguments.of("process not an id", "{\"op\":\"subscribe\",\"id\":\"s3\",\"process\":\"north south\"}"),
                Arguments.of("asOf not a date", "{\"op\":\"subscribe\",\"id\":\"s4\",\"process\":\"north-south\",\"asOf\":\"2020-13-45\"}"),
                Arguments.of("asOf a word", "{\"op\":\"subscribe\",\"id\":\"s5\",\"process\":\"north-south\",\"asOf\":\"yesterday\"}"),
                Arguments.of("knownAt ill-formed", "{\"op\":\"subscribe\",\"id\":\"s6\",\"process\":\"north-south\",\"asOf\":\"live\",\"knownAt\":\"soon\"}"),
                Arguments.of("since negative", "{\"op\":\"subscribe\",\"id\":\"s7\",\"process\":\"north-south\",\"asOf\":\"live\",\"since\":-1}"),
                Arguments.of("since a fraction", "{\"op\":\"subscribe\",\"id\":\"s8\",\"process\":\"north-south\",\"asOf\":\"live\",\"since\":1.5}"),
                Arguments.of("since a string", "{\"op\":\"subscribe\",\"id\":\"s9\",\"process\":\"north-south\",\"asOf\":\"live\",\"since\":\"12\"}"),
                Arguments.of("unknown field", "{\"op\":\"subscribe\",\"id\":\"s10\",\"process\":\"north-south\",\"asOf\":\"live\",\"colour\":\"red\"}"),
                Arguments.of("unsubscribe without id", "{\"op\":\"unsubscribe\"}"),
                Arguments.of("unsubscribe of nothing", "{\"op\":\"unsubscribe\",\"id\":\"ghost\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aRequestTheServerCannotReadIsAnsweredWithAnErrorAndTheConnectionStaysUsable(String what, String request) {
        try (LiveClient client = server.connect()) {
            client.send(request);
            JsonNode error = client.next("error");
            assertThat(error.path("reason").asText()).as("a reason for the user").isNotBlank();
            JsonNode given = LiveClient.parse(request).path("id");
            if (given.isTextual()) {
                assertThat(error.path("id").asText()).as("the request's id is echoed").isEqualTo(given.asText());
            } else {
                assertThat(error.has("id")).as("no id when the request gave none: %s", error).isFalse();
            }
            assertThat(client.isClosed()).isFalse();

            client.send(subscribe(NS, "after", "live"));
            JsonNode snapshot = client.next("snapshot");
            assertThat(snapshot.get("id").asText()).isEqualTo("after");
            assertThat(snapshot.get("offset").asLong()).isGreaterThanOrEqualTo(prelude);
        }
    }

    @Test
    void aSecondSubscriptionWithTheSameIdIsRefusedAndTheFirstKeepsItsUpdates() {
        try (LiveClient client = server.connect()) {
            client.send(subscribe(NS, "twice", "live"));
            client.next("snapshot");
            client.send(subscribe(NS, "twice", "2020-06-01"));
            JsonNode error = client.next("error");
            assertThat(error.get("id").asText()).isEqualTo("twice");
            assertThat(error.get("reason").asText()).contains("twice");

            long offset = server.post(stance("dup-check", "2020-03-01", "south", "prisoners", "open")).offset();
            JsonNode update = client.next("update");
            assertThat(update.get("id").asText()).isEqualTo("twice");
            assertThat(update.get("asOf").asText()).as("the first subscription's view").isEqualTo("live");
            assertThat(update.get("offset").asLong()).isEqualTo(offset);
            assertThat(client.fence(NS)).as("nothing for a second 'twice'").isEmpty();
        }
    }

    @Test
    void aConnectionHoldsAtMostThirtyTwoSubscriptionsAndTakesAnotherOnceOneIsDropped() {
        try (LiveClient client = server.connect()) {
            for (int i = 1; i <= 32; i++) {
                client.send(subscribe(NS, "s" + i, i % 2 == 0 ? "live" : "2020-0" + (1 + i % 9) + "-01"));
                assertThat(client.next("snapshot").get("id").asText()).isEqualTo("s" + i);
            }
            client.send(subscribe(NS, "s33", "live"));
            JsonNode error = client.next("error");
            assertThat(error.get("id").asText()).isEqualTo("s33");
            assertThat(error.get("reason").asText()).contains("32");

            client.send("{\"op\":\"unsubscribe\",\"id\":\"s1\"}");
            assertThat(client.next("unsubscribed").get("id").asText()).isEqualTo("s1");
            client.send(subscribe(NS, "s33", "live"));
            assertThat(client.next("snapshot").get("id").asText()).isEqualTo("s33");
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (LiveClient client = server.connect()) {
            client.send("{\"op\":\"ping\"}");
            assertThat(client.next().toString()).isEqualTo("{\"type\":\"pong\"}");
        }
    }

    @Test
    void aBinaryFrameIsAnsweredWithAnErrorAndTheConnectionStaysUsable() {
        try (LiveClient client = server.connect()) {
            client.sendBinary("{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(client.next("error").path("reason").asText()).isNotBlank();
            client.send("{\"op\":\"ping\"}");
            client.next("pong");
        }
    }

    @Test
    void aFrameLargerThan64KiBClosesTheConnectionWith1009() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            assertThat(raw.status()).isEqualTo(101);
            String padded = "{\"op\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
            raw.sendText(padded);
            RawWebSocket.UntilClose answer = raw.readUntilClose(Duration.ofSeconds(10));
            assertThat(answer.messages()).isEmpty();
            assertThat(answer.close()).as("a close frame").isNotNull();
            assertThat(answer.close().closeCode()).as("close code (reason: %s)", answer.close().closeReason())
                    .isEqualTo(1009);
        }
    }

    @Test
    void aMessageLargerThan64KiBSentInSmallerFragmentsClosesTheConnectionWith1009() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            byte[] part = "x".repeat(30_000).getBytes(StandardCharsets.UTF_8);
            raw.sendFrame(RawWebSocket.TEXT, false, "{\"op\":\"ping\",\"pad\":\"".getBytes(StandardCharsets.UTF_8));
            raw.sendFrame(RawWebSocket.CONTINUATION, false, part);
            raw.sendFrame(RawWebSocket.CONTINUATION, false, part);
            raw.sendFrame(RawWebSocket.CONTINUATION, true, (new String(part, StandardCharsets.UTF_8) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            RawWebSocket.UntilClose answer = raw.readUntilClose(Duration.ofSeconds(10));
            assertThat(answer.messages()).isEmpty();
            assertThat(answer.close()).as("a close frame").isNotNull();
            assertThat(answer.close().closeCode()).as("close code (reason: %s)", answer.close().closeReason())
                    .isEqualTo(1009);
        }
    }

    @Test
    void aFrameOfExactly64KiBIsStillRead() throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            String head = "{\"op\":\"ping\",\"pad\":\"";
            String padded = head + "x".repeat(64 * 1024 - head.length() - 2) + "\"}";
            assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);
            raw.sendText(padded);
            assertThat(raw.nextMessage(Duration.ofSeconds(10)).path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void unsubscribeStopsThatSubscriptionsUpdatesAndOnlyThose() {
        try (LiveClient client = server.connect()) {
            client.send(subscribe(NS, "keep", "live"));
            client.send(subscribe(NS, "drop", "live"));
            client.next(2);
            client.send("{\"op\":\"unsubscribe\",\"id\":\"drop\"}");
            assertThat(client.next("unsubscribed").get("id").asText()).isEqualTo("drop");

            long offset = server.post(stance("after-unsubscribe", "2020-03-02", "south", "border", "open")).offset();
            List<JsonNode> messages = new ArrayList<>(client.untilUpdate("keep", offset));
            messages.addAll(client.fence(NS));
            assertThat(messages).extracting(m -> m.get("id").asText()).containsOnly("keep");

            client.send("{\"op\":\"unsubscribe\",\"id\":\"drop\"}");
            assertThat(client.next("error").get("id").asText()).as("it is gone").isEqualTo("drop");
        }
    }

    @Test
    void theIdIsEchoedOnlyWhenGivenAndProcessAndAsOfOnEveryMessageAboutASubscription() {
        List<JsonNode> about = new ArrayList<>();
        long offset;
        try (LiveClient client = server.connect()) {
            client.send(subscribe(NS, null, "live"));
            client.send(subscribe(NS, "named", "live"));
            client.send(subscribe(NS, "dated", "2020-06-01"));
            about.addAll(client.next(3));
            offset = server.post(stance("echo-check", "2020-03-03", "north", "border", "supports")).offset();
            about.addAll(client.next(3));
        }
        try (LiveClient again = server.connect()) {
            again.send(subscribe(NS, null, "live").put("since", offset));
            again.send(subscribe(NS, "named", "live").put("since", offset));
            again.send(subscribe(NS, "dated", "2020-06-01").put("since", offset));
            about.addAll(again.next(3));
        }
        assertThat(about).extracting(m -> m.get("type").asText())
                .containsExactly("snapshot", "snapshot", "snapshot", "update", "update", "update",
                        "resumed", "resumed", "resumed");
        for (JsonNode m : about) {
            assertThat(m.path("process").asText()).as("process on %s", m).isEqualTo(NS);
            String id = m.has("id") ? m.get("id").asText() : null;
            if (id == null) {
                assertThat(m.path("asOf").asText()).as("asOf on %s", m).isEqualTo("live");
            } else {
                assertThat(id).isIn("named", "dated");
                assertThat(m.get("id").isTextual()).isTrue();
                assertThat(m.path("asOf").asText()).as("asOf on %s", m)
                        .isEqualTo(id.equals("dated") ? "2020-06-01" : "live");
            }
            if (!m.get("type").asText().equals("snapshot")) {
                assertThat(m.get("offset").asLong()).isEqualTo(offset);
            }
        }
        assertThat(about.stream().filter(m -> !m.has("id")).count())
                .as("one subscription without an id: its snapshot, update and resumed").isEqualTo(3);
        assertThat(about.stream().filter(m -> m.has("id") && m.get("id").isNull()).count())
                .as("an absent id is left out, not null").isZero();
    }

    @Test
    void theUnsubscribedConfirmationNamesTheSubscriptionsProcessAndAsOf() {
        try (LiveClient client = server.connect()) {
            client.send(subscribe(NS, "leaving", "2020-06-01"));
            client.next("snapshot");
            client.send("{\"op\":\"unsubscribe\",\"id\":\"leaving\"}");
            JsonNode done = client.next("unsubscribed");
            assertThat(done.path("id").asText()).isEqualTo("leaving");
            // DESIGN.md: the server echoes the id, with process and asOf, on every message about a subscription
            assertThat(done.path("process").asText()).as("process on %s", done).isEqualTo(NS);
            assertThat(done.path("asOf").asText()).as("asOf on %s", done).isEqualTo("2020-06-01");
        }
    }
}
