package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.live.LiveClient.subscribe;
import static org.diplomacytracker.web.live.Wire.NS;
import static org.diplomacytracker.web.live.Wire.stance;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server spreads its websockets over several event loops that all follow one change feed: many
 * dashboards on several views, spread over those loops, each get every update of their view exactly
 * once, in strictly increasing offsets, and end at the REST state. And a dashboard that stops reading
 * does not hold up another on the same event loop.
 */
class LiveEventLoopsTest {

    private static final int LOOPS = 4;
    private static final int CLIENTS = 240;
    private static final String[] VIEWS = {"live", "2020-03-15", "2020-06-15"};
    private static final String[] ACTORS = {"north", "south"};
    private static final String[] ISSUES = {"border", "prisoners"};
    private static final String[] STANCES = {"rejects", "opposes", "open", "supports", "demands"};

    @TempDir
    Path dir;

    /** One dashboard: its connection, the view it follows, the id it gave (null for none), what it got. */
    private record Dashboard(LiveClient client, String asOf, String id, List<JsonNode> messages) {
    }

    /**
     * Statement {@code n}: dated a week after the one before, so each is the latest of its position and
     * changes every view whose date it is not after; a different quote each time.
     */
    private static String statement(int n) {
        return stance("s-" + n, date(n).toString(), ACTORS[n % 2], ISSUES[n / 2 % 2], STANCES[n % 5]);
    }

    private static LocalDate date(int n) {
        return LocalDate.of(2020, 2, 1).plusWeeks(n);
    }

    @Test
    void manySubscribersOfSeveralViewsOnSeveralEventLoopsGetEveryUpdateOnceInOrderAndEndAtTheRestState() {
        try (LiveServer server = LiveServer.embedded(dir, LOOPS)) {
            server.postBatch(Wire.opening(NS));
            long prelude = server.post(stance("prelude", "2020-01-02", "north", "border", "open")).offset();
            try (LiveClient first = server.connect()) {
                first.subscribeCaughtUp(subscribe(NS, null, "live"), prelude);
            }

            List<Future<LiveClient>> opening = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                opening.add(server.open(server.upgrade()));
            }
            List<Dashboard> dashboards = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    // half give the same id (one encoding shared by the view), half none
                    dashboards.add(new Dashboard(LiveServer.await(opening.get(i)), VIEWS[i % VIEWS.length],
                            i / VIEWS.length % 2 == 0 ? "v" : null, new ArrayList<>()));
                }
                for (Dashboard d : dashboards) {
                    d.client().send(subscribe(NS, d.id(), d.asOf()));
                }
                for (Dashboard d : dashboards) {
                    JsonNode snapshot = d.client().next("snapshot");
                    assertThat(snapshot.get("offset").asLong()).isGreaterThanOrEqualTo(prelude);
                    d.messages().add(snapshot);
                }

                // 24 statements over half a year: one by one, then two atomic batches (several offsets in one commit)
                List<String> all = new ArrayList<>();
                for (int n = 0; n < 24; n++) {
                    all.add(statement(n));
                }
                server.postEach(all.subList(0, 12));
                server.postBatch(all.subList(12, 18));
                long last = server.postBatch(all.subList(18, 24));

                // once the last statement reached one dashboard, every dashboard's queue holds all it will get
                Dashboard watcher = dashboards.get(0);
                assertThat(watcher.asOf()).isEqualTo("live");
                watcher.messages().addAll(watcher.client().untilUpdate(watcher.id(), last));
                for (Dashboard d : dashboards) {
                    d.messages().addAll(d.client().fence(NS));
                }

                Map<String, JsonNode> rest = new HashMap<>();
                for (String asOf : VIEWS) {
                    rest.put(asOf, server.state(NS, asOf.equals("live") ? "" : "asOf=" + asOf));
                }
                Map<String, Long> offsetOf = new LinkedHashMap<>();
                for (JsonNode m : watcher.messages()) {
                    if (m.path("type").asText().equals("update")) {
                        offsetOf.put(m.get("development").get("id").asText(), m.get("offset").asLong());
                    }
                }
                assertThat(offsetOf.keySet()).as("the live view got every statement, in order")
                        .containsExactlyElementsOf(all.stream().map(s -> LiveClient.parse(s).get("id").asText()).toList());
                for (int i = 0; i < CLIENTS; i++) {
                    Dashboard d = dashboards.get(i);
                    String name = "dashboard " + i + " (" + d.asOf() + ", id " + d.id() + ")";
                    List<String> expected = new ArrayList<>();
                    for (int n = 0; n < all.size(); n++) {
                        if (d.asOf().equals("live") || !date(n).isAfter(LocalDate.parse(d.asOf()))) {
                            expected.add("s-" + n);
                        }
                    }
                    PatchedView view = new PatchedView(name).applyAll(d.messages(), d.id());
                    assertThat(view.snapshots()).as("%s: one snapshot", name).isEqualTo(1);
                    assertThat(view.updatedBy()).as("%s: every update of its view, once, in order", name)
                            .containsExactlyElementsOf(expected);
                    for (JsonNode u : view.updates()) {
                        assertThat(u.get("offset").asLong()).as("%s: an update's offset is its development's", name)
                                .isEqualTo(offsetOf.get(u.get("development").get("id").asText()));
                        assertThat(u.get("asOf").asText()).isEqualTo(d.asOf());
                    }
                    view.assertSameSectionsAs(rest.get(d.asOf()));
                    assertThat(d.messages()).as("%s: nothing about other views", name)
                            .allSatisfy(m -> assertThat(m.path("asOf").asText()).isEqualTo(d.asOf()));
                }
            } finally {
                dashboards.forEach(d -> d.client().close());
            }
        }
    }

    /**
     * One event loop serves both: a dashboard that reads nothing (a bare socket with a 4 KiB receive
     * buffer and a dozen subscriptions) while long statements keep coming, and one that reads. The
     * reading one gets every statement while the other still has not read a byte; once the stuck one
     * reads, it gets its views afresh, and both end at the REST state.
     */
    @Test
    void onOneEventLoopAStuckClientDoesNotHoldUpAnotherAndGetsItsViewsAfreshOnceItReads() throws IOException {
        try (LiveServer server = LiveServer.embedded(dir, 1)) {
            server.postBatch(Wire.opening(NS));
            long prelude = server.post(stance("prelude", "2020-01-02", "north", "border", "open")).offset();
            try (LiveClient fast = server.connect();
                 RawWebSocket slow = RawWebSocket.connect(server.port(), "/api/live", Map.of(), 4096)) {
                List<JsonNode> fastMessages = new ArrayList<>(fast.subscribeCaughtUp(subscribe(NS, "fast", "live"), prelude));
                List<JsonNode> slowMessages = new ArrayList<>(LiveSlowClientTest.subscribeSlow(slow));

                // ~40 KB per update and subscription: a dozen subscriptions fill the stuck socket's buffers many times over
                long last = 0;
                int n = 0;
                for (int b = 0; b < 3; b++) {
                    List<String> batch = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        batch.add(LiveSlowClientTest.longStatement(n++));
                    }
                    last = server.postBatch(batch);
                    List<JsonNode> updates = fast.untilUpdate("fast", last);
                    assertThat(updates).as("the reading client got every statement of batch %d", b).hasSize(8);
                    fastMessages.addAll(updates);
                }
                for (int i = 0; i < 3; i++) {
                    long offset = server.post(LiveSlowClientTest.longStatement(n++)).offset();
                    JsonNode update = fast.next("update");
                    assertThat(update.get("offset").asLong()).isEqualTo(offset);
                    fastMessages.add(update);
                    last = offset;
                }

                // now the stuck one reads: for each subscription, its view afresh at the last statement
                long lastLong = last;
                Map<String, Boolean> fresh = new HashMap<>();
                while (fresh.size() < LiveSlowClientTest.SLOW_SUBSCRIPTIONS) {
                    JsonNode m = slow.nextMessage(LiveClient.WAIT);
                    slowMessages.add(m);
                    boolean snapshot = m.path("type").asText().equals("snapshot") && m.path("offset").asLong() == lastLong;
                    boolean update = m.path("type").asText().equals("update") && m.path("offset").asLong() == lastLong;
                    if (snapshot || update) {
                        fresh.put(m.path("id").asText(), snapshot);
                    }
                }
                assertThat(fresh.values()).as("the stuck client fell behind, so it was sent its views afresh "
                        + "(if not, the test did not make it slow enough)").containsOnly(true);

                long after = server.post(stance("after-drain", "2021-06-01", "south", "border", "supports")).offset();
                fastMessages.addAll(fast.untilUpdate("fast", after));
                for (int i = 0; i < LiveSlowClientTest.SLOW_SUBSCRIPTIONS; i++) {
                    JsonNode m = slow.nextMessage(LiveClient.WAIT);
                    slowMessages.add(m);
                    assertThat(m.path("type").asText()).as("%s", m).isEqualTo("update");
                    assertThat(m.path("offset").asLong()).isEqualTo(after);
                }

                JsonNode rest = server.state(NS);
                new PatchedView("fast").applyAll(fastMessages, "fast").assertSameSectionsAs(rest);
                for (int i = 1; i <= LiveSlowClientTest.SLOW_SUBSCRIPTIONS; i++) {
                    String id = "slow-" + i;
                    new PatchedView(id).applyAll(slowMessages, id).assertSameSectionsAs(rest);
                }
            }
        }
    }

    /**
     * Browsers negotiate permessage-deflate: then each socket compresses the shared bytes of an update
     * on its own. Dashboards that compress and one that does not all get snapshots larger than a frame
     * (sent in fragments) and long updates intact, and end at the REST state.
     */
    @Test
    void dashboardsThatNegotiateCompressionAndOneThatDoesNotGetTheSameMessagesIntact() {
        try (LiveServer server = LiveServer.embedded(dir, 2)) {
            Vertx clientVertx = Vertx.vertx();
            List<LiveClient> clients = new ArrayList<>();
            try {
                WebSocketClient compressing = clientVertx.createWebSocketClient(new WebSocketClientOptions()
                        .setTryUsePerMessageCompression(true)
                        .setMaxFrameSize(1024 * 1024)
                        .setMaxMessageSize(16 * 1024 * 1024));
                server.postBatch(Wire.opening(NS));
                // four long statements, one per position: a snapshot of some 80 KB, more than one 64 KiB frame
                long last = server.postBatch(List.of(LiveSlowClientTest.longStatement(0),
                        LiveSlowClientTest.longStatement(1), LiveSlowClientTest.longStatement(2),
                        LiveSlowClientTest.longStatement(3)));
                for (int i = 0; i < 3; i++) {
                    clients.add(LiveServer.await(LiveClient.open(compressing, server.upgrade())));
                }
                clients.add(server.connect());
                assertThat(clients.subList(0, 3)).allSatisfy(c ->
                        assertThat(c.extensions()).as("compression negotiated").contains("permessage-deflate"));
                assertThat(clients.get(3).extensions()).as("no compression").isNull();

                List<List<JsonNode>> received = new ArrayList<>();
                for (LiveClient c : clients) {
                    List<JsonNode> messages = new ArrayList<>(c.subscribeCaughtUp(subscribe(NS, "v", "live"), last));
                    assertThat(messages.get(0).toString().length()).as("the snapshot is longer than a frame")
                            .isGreaterThan(64 * 1024);
                    received.add(messages);
                }
                List<String> more = new ArrayList<>();
                for (int n = 4; n < 10; n++) {
                    more.add(LiveSlowClientTest.longStatement(n));
                }
                server.postEach(more.subList(0, 3));
                long end = server.postBatch(more.subList(3, 6));
                JsonNode rest = server.state(NS);
                for (int i = 0; i < clients.size(); i++) {
                    received.get(i).addAll(clients.get(i).untilUpdate("v", end));
                    PatchedView view = new PatchedView("client " + i).applyAll(received.get(i), "v");
                    assertThat(view.updatedBy()).as("client %d: every statement once, in order", i)
                            .containsExactly("long-4", "long-5", "long-6", "long-7", "long-8", "long-9");
                    view.assertSameSectionsAs(rest);
                }
            } finally {
                clients.forEach(LiveClient::close);
                LiveServer.await(clientVertx.close());
            }
        }
    }
}
