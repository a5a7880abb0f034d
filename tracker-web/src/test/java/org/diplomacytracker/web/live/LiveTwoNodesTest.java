package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.live.LiveClient.subscribe;
import static org.diplomacytracker.web.live.Wire.NS;
import static org.diplomacytracker.web.live.Wire.commitment;
import static org.diplomacytracker.web.live.Wire.stance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL store, each with its own dashboards: what is recorded on one reaches
 * the other's dashboards with the same offsets, in the same order, and — thanks to the database's
 * wake-up notifications rather than the 1 s poll — within half a second.
 */
class LiveTwoNodesTest {

    private static final Duration WELL_UNDER_THE_POLL = Duration.ofMillis(500);

    @Test
    void aDevelopmentRecordedOnOneNodeReachesTheOthersDashboardsWithTheSameOffsetWithinHalfASecond() {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
            TrackerOptions options = TrackerOptions.defaults(schema.settings());
            try (LiveServer a = LiveServer.start(options)) {
                a.postBatch(Wire.opening(NS));
                long prelude = a.post(stance("prelude", "2020-01-02", "north", "border", "open")).offset();
                // node B starts after the process exists, so that it can be subscribed to there
                try (LiveServer b = LiveServer.start(options); LiveClient onA = a.connect(); LiveClient onB = b.connect()) {
                    List<JsonNode> aMessages = new ArrayList<>(onA.subscribeCaughtUp(subscribe(NS, null, "live"), prelude));
                    List<JsonNode> bMessages = new ArrayList<>(onB.subscribeCaughtUp(subscribe(NS, null, "live"), prelude));

                    List<Long> delaysMs = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        long started = System.nanoTime();
                        LiveServer.Posted p = a.post(i % 2 == 0
                                ? stance("a-" + i, "2020-03-" + (10 + i), i % 4 == 0 ? "north" : "south", "border",
                                        i % 4 == 0 ? "supports" : "opposes")
                                : commitment(NS, "a-" + i, "2020-04-" + (10 + i)));
                        LiveClient.Received onBoth = onB.nextReceived();
                        delaysMs.add((onBoth.nanos() - started) / 1_000_000);
                        JsonNode fromA = onA.next("update");
                        for (JsonNode m : List.of(fromA, onBoth.message())) {
                            assertThat(m.get("type").asText()).as("%s", m).isEqualTo("update");
                            assertThat(m.get("offset").asLong()).as("the store's offset, on both nodes").isEqualTo(p.offset());
                            assertThat(m.get("development").get("id").asText()).isEqualTo(p.id());
                        }
                        aMessages.add(fromA);
                        bMessages.add(onBoth.message());
                    }
                    System.out.println("node A → node B dashboard, from the POST on A (ms): " + delaysMs);
                    assertThat(delaysMs).as("delivery to node B's dashboard after the POST on node A (ms)")
                            .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(WELL_UNDER_THE_POLL.toMillis()));

                    JsonNode rest = b.state(NS);
                    new PatchedView("on A").applyAll(aMessages, null).assertSameSectionsAs(rest);
                    new PatchedView("on B").applyAll(bMessages, null).assertSameSectionsAs(rest);
                    assertThat(rest.get("offset")).isEqualTo(a.state(NS).get("offset"));
                }
            }
        }
    }

    @Test
    void writesOnBothNodesAtOnceReachBothNodesDashboardsInTheSameOrderWithTheStoresOffsets() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
            TrackerOptions options = TrackerOptions.defaults(schema.settings());
            try (LiveServer a = LiveServer.start(options)) {
                a.postBatch(Wire.opening(NS));
                long prelude = a.post(stance("prelude", "2020-01-02", "north", "border", "open")).offset();
                try (LiveServer b = LiveServer.start(options); LiveClient onA = a.connect(); LiveClient onB = b.connect()) {
                    List<JsonNode> aMessages = new ArrayList<>(onA.subscribeCaughtUp(subscribe(NS, null, "live"), prelude));
                    List<JsonNode> bMessages = new ArrayList<>(onB.subscribeCaughtUp(subscribe(NS, null, "live"), prelude));

                    Map<String, Long> posted = new ConcurrentHashMap<>();
                    CompletableFuture<?> toA = CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < 6; i++) {
                            LiveServer.Posted p = a.post(commitment(NS, "via-a-" + i, "2020-05-1" + i));
                            posted.put(p.id(), p.offset());
                        }
                    });
                    CompletableFuture<?> toB = CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < 6; i++) {
                            LiveServer.Posted p = b.post(commitment(NS, "via-b-" + i, "2020-06-1" + i));
                            posted.put(p.id(), p.offset());
                        }
                    });
                    CompletableFuture.allOf(toA, toB).get(60, TimeUnit.SECONDS);
                    long last = posted.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                    aMessages.addAll(onA.untilUpdate(null, last));
                    bMessages.addAll(onB.untilUpdate(null, last));
                    aMessages.addAll(onA.fence(NS));
                    bMessages.addAll(onB.fence(NS));

                    List<String> seenOnA = sequence(aMessages, prelude);
                    List<String> seenOnB = sequence(bMessages, prelude);
                    Map<Long, String> byOffset = new TreeMap<>();
                    posted.forEach((id, offset) -> byOffset.put(offset, id + "@" + offset));
                    assertThat(seenOnA).as("node A's dashboard: every write once, in the store's order")
                            .containsExactlyElementsOf(byOffset.values());
                    assertThat(seenOnB).as("node B's dashboard, the same").containsExactlyElementsOf(byOffset.values());
                    new PatchedView("on A").applyAll(aMessages, null).assertSameSectionsAs(a.state(NS));
                    new PatchedView("on B").applyAll(bMessages, null).assertSameSectionsAs(b.state(NS));
                }
            }
        }
    }

    /** The updates after the prelude, as "development@offset". */
    private static List<String> sequence(List<JsonNode> messages, long prelude) {
        return messages.stream()
                .filter(m -> m.get("type").asText().equals("update") && m.get("offset").asLong() > prelude)
                .map(m -> m.get("development").get("id").asText() + "@" + m.get("offset").asLong())
                .toList();
    }
}
