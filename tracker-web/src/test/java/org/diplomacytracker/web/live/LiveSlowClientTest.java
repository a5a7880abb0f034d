package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.live.LiveClient.subscribe;
import static org.diplomacytracker.web.live.Wire.NS;
import static org.diplomacytracker.web.live.Wire.stance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dashboard that stops reading (a bare socket with a 4 KiB receive buffer and a dozen
 * subscriptions) while statements with long quotes keep coming: the other dashboards' updates are not
 * held up; once it reads again it gets each of its views afresh — never a silent gap — or, stuck past
 * the slow-client limit, it is closed with 4008.
 */
class LiveSlowClientTest {

    static final int SLOW_SUBSCRIPTIONS = 12;
    private static final int FILLING_BATCHES = 2;
    private static final int PER_BATCH = 10;
    private static final int TIMED = 5;

    @TempDir
    Path dir;

    /** A statement with a 10,000-character quote and as long conditions: some 40 KB per update. */
    static String longStatement(int n) {
        String[] actors = {"north", "south"};
        String[] issues = {"border", "prisoners"};
        String[] stances = {"rejects", "opposes", "open", "supports", "demands"};
        StringBuilder quote = new StringBuilder("Statement " + n + ": ");
        while (quote.length() < 10_000) {
            quote.append("the commission shall meet again and the line shall be drawn in good faith; ");
        }
        String text = quote.substring(0, 10_000);
        return Wire.dev(NS, "long-" + n, "PositionStated", LocalDate.of(2020, 2, 1).plusDays(n).toString(),
                "\"actor\":\"" + actors[n % 2] + "\",\"issue\":\"" + issues[(n / 2) % 2] + "\",\"stance\":\""
                        + stances[n % 5] + "\",\"quote\":\"" + text + "\",\"conditions\":\"" + text + "\"");
    }

    /** The slow client's subscriptions, their snapshots read; from here it reads nothing. */
    static List<JsonNode> subscribeSlow(RawWebSocket slow) throws IOException {
        List<JsonNode> snapshots = new ArrayList<>();
        for (int i = 1; i <= SLOW_SUBSCRIPTIONS; i++) {
            slow.sendText(subscribe(NS, "slow-" + i, "live").toString());
        }
        for (int i = 1; i <= SLOW_SUBSCRIPTIONS; i++) {
            JsonNode snapshot = slow.nextMessage(LiveClient.WAIT);
            assertThat(snapshot.path("type").asText()).as("%s", snapshot).isEqualTo("snapshot");
            snapshots.add(snapshot);
        }
        return snapshots;
    }

    /**
     * Posts long statements while the slow client reads nothing: first batches that fill every buffer
     * between server and slow client, then single statements, one at a time: the fast client must see each
     * one while the slow client still reads nothing, so its updates never wait for the slow client to drain
     * (the delays are printed for the curious, not asserted: timing belongs in the benchmarks). Returns
     * the offsets, in order.
     */
    private static List<Long> postWhileStuck(LiveServer server, LiveClient fast, List<JsonNode> fastMessages) {
        List<Long> offsets = new ArrayList<>();
        int n = 0;
        for (int b = 0; b < FILLING_BATCHES; b++) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < PER_BATCH; i++) {
                batch.add(longStatement(n++));
            }
            long last = server.postBatch(batch);
            List<JsonNode> updates = fast.untilUpdate("fast", last);
            assertThat(updates).as("the fast client got every statement of the batch").hasSize(PER_BATCH);
            updates.forEach(u -> offsets.add(u.get("offset").asLong()));
            fastMessages.addAll(updates);
        }
        List<Long> lagsMs = new ArrayList<>();
        List<Long> totalsMs = new ArrayList<>();
        for (int i = 0; i < TIMED; i++) {
            long started = System.nanoTime();
            LiveServer.Posted p = server.post(longStatement(n++));
            long answered = System.nanoTime();
            LiveClient.Received r = fast.nextReceived();
            assertThat(r.message().get("type").asText()).isEqualTo("update");
            assertThat(r.message().get("offset").asLong()).isEqualTo(p.offset());
            fastMessages.add(r.message());
            offsets.add(p.offset());
            lagsMs.add(Math.max(0, (r.nanos() - answered) / 1_000_000));
            totalsMs.add((r.nanos() - started) / 1_000_000);
        }
        System.out.println("fast client while another is stuck: after the write's answer " + lagsMs
                + " ms, after the POST " + totalsMs + " ms");
        return offsets;
    }

    /**
     * One subscription's messages, in order: each update is the next development that changes the view
     * after the state the client holds — no gap — and only a snapshot (its view afresh) may jump ahead.
     */
    private static void assertNoSilentGap(String id, List<JsonNode> mine, List<Long> changes) {
        assertThat(mine.get(0).get("type").asText()).as("%s starts with a snapshot", id).isEqualTo("snapshot");
        long at = mine.get(0).get("offset").asLong();
        for (JsonNode m : mine.subList(1, mine.size())) {
            long offset = m.get("offset").asLong();
            if (m.get("type").asText().equals("snapshot")) {
                assertThat(offset).as("%s: a fresh snapshot does not go back", id).isGreaterThanOrEqualTo(at);
            } else {
                long held = at;
                long next = changes.stream().filter(c -> c > held).findFirst()
                        .orElseThrow(() -> new AssertionError(id + ": an update after the last change: " + m));
                assertThat(offset).as("%s: the update after offset %d (none skipped)", id, at).isEqualTo(next);
            }
            at = offset;
        }
    }

    @Test
    void aStuckClientDoesNotDelayOthersAndGetsItsViewsAfreshOnceItReadsAgain() throws IOException {
        try (LiveServer server = LiveServer.embedded(dir)) {
            server.postBatch(Wire.opening(NS));
            long prelude = server.post(stance("prelude", "2020-01-02", "north", "border", "open")).offset();
            try (LiveClient fast = server.connect();
                 RawWebSocket slow = RawWebSocket.connect(server.port(), "/api/live", Map.of(), 4096)) {
                List<JsonNode> fastMessages = new ArrayList<>(fast.subscribeCaughtUp(subscribe(NS, "fast", "live"), prelude));
                List<JsonNode> slowMessages = new ArrayList<>(subscribeSlow(slow));

                List<Long> offsets = postWhileStuck(server, fast, fastMessages);
                long lastLong = offsets.get(offsets.size() - 1);

                // the slow client reads again: up to, for each subscription, a fresh snapshot or the last update
                Map<String, Boolean> done = new HashMap<>();
                while (done.size() < SLOW_SUBSCRIPTIONS) {
                    JsonNode m = slow.nextMessage(LiveClient.WAIT);
                    slowMessages.add(m);
                    boolean fresh = m.path("type").asText().equals("snapshot") && m.path("offset").asLong() == lastLong;
                    boolean last = m.path("type").asText().equals("update") && m.path("offset").asLong() == lastLong;
                    if (fresh || last) {
                        done.put(m.path("id").asText(), fresh);
                    }
                }
                assertThat(done.values()).as("the slow client fell behind, so it was sent its views afresh "
                        + "(if not, the test did not make it slow enough)").containsOnly(true);

                long after = server.post(stance("after-drain", "2020-06-01", "south", "border", "supports")).offset();
                fastMessages.addAll(fast.untilUpdate("fast", after));
                Map<String, Boolean> updated = new HashMap<>();
                while (updated.size() < SLOW_SUBSCRIPTIONS) {
                    JsonNode m = slow.nextMessage(LiveClient.WAIT);
                    slowMessages.add(m);
                    assertThat(m.path("type").asText()).as("%s", m).isEqualTo("update");
                    assertThat(m.path("offset").asLong()).isEqualTo(after);
                    updated.put(m.path("id").asText(), true);
                }

                JsonNode rest = server.state(NS);
                new PatchedView("fast").applyAll(fastMessages, "fast").assertSameSectionsAs(rest);
                List<Long> changes = new ArrayList<>(offsets);
                changes.add(after);
                for (int i = 1; i <= SLOW_SUBSCRIPTIONS; i++) {
                    String id = "slow-" + i;
                    List<JsonNode> mine = slowMessages.stream().filter(m -> id.equals(m.path("id").asText())).toList();
                    assertNoSilentGap(id, mine, changes);
                    assertThat(mine.get(mine.size() - 2).get("type").asText())
                            .as("%s: once it read again, its view afresh", id).isEqualTo("snapshot");
                    new PatchedView(id).applyAll(mine, id).assertSameSectionsAs(rest);
                }
            }
        }
    }

    @Test
    void aClientStuckLongerThanTheSlowClientLimitIsClosedWith4008AndNotSkippedSilently() throws Exception {
        Duration limit = Duration.ofSeconds(1);
        // pinged (and checked) every second; idle far away, so only slowness can close it
        LiveOptions live = new LiveOptions(32, 64 * 1024, Duration.ofSeconds(1), Duration.ofSeconds(60), limit, List.of());
        try (LiveServer server = LiveServer.embedded(dir, live)) {
            server.postBatch(Wire.opening(NS));
            long prelude = server.post(stance("prelude", "2020-01-02", "north", "border", "open")).offset();
            try (LiveClient fast = server.connect();
                 RawWebSocket slow = RawWebSocket.connect(server.port(), "/api/live", Map.of(), 4096)) {
                List<JsonNode> fastMessages = new ArrayList<>(fast.subscribeCaughtUp(subscribe(NS, "fast", "live"), prelude));
                List<JsonNode> slowSnapshots = subscribeSlow(slow);
                List<Long> offsets = postWhileStuck(server, fast, fastMessages);

                // the scenario itself: the client stays stuck for the limit and two checks more
                Thread.sleep(limit.plusSeconds(2).toMillis());

                RawWebSocket.UntilClose backlog = slow.readUntilClose(Duration.ofSeconds(10));
                assertThat(backlog.close()).as("a close frame after the backlog, not a dropped connection").isNotNull();
                assertThat(backlog.close().closeCode()).as("close code (reason: %s)", backlog.close().closeReason())
                        .isEqualTo(4008);
                assertThat(backlog.close().closeReason()).isNotBlank();
                Map<String, List<JsonNode>> bySubscription = new LinkedHashMap<>();
                for (JsonNode m : slowSnapshots) {
                    bySubscription.computeIfAbsent(m.path("id").asText(), k -> new ArrayList<>()).add(m);
                }
                for (JsonNode m : backlog.messages()) {
                    bySubscription.computeIfAbsent(m.path("id").asText(), k -> new ArrayList<>()).add(m);
                }
                assertThat(bySubscription).hasSize(SLOW_SUBSCRIPTIONS);
                bySubscription.forEach((id, mine) -> assertNoSilentGap(id, mine, offsets));

                long after = server.post(stance("after-close", "2020-06-01", "south", "border", "supports")).offset();
                fastMessages.addAll(fast.untilUpdate("fast", after));
                new PatchedView("fast").applyAll(fastMessages, "fast").assertSameSectionsAs(server.state(NS));
            }
        }
    }
}
