package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.live.LiveClient.subscribe;
import static org.diplomacytracker.web.live.Wire.NS;
import static org.diplomacytracker.web.live.Wire.stance;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.core.testing.Developments;
import org.diplomacytracker.events.Development;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dashboard that lost its connection comes back with {@code since}: the updates it missed and
 * {@code resumed} while the server still has them; a fresh snapshot with {@code "resumed": false}
 * when it does not (the buffer has moved on, or the client names an offset this server never
 * reached). Across a server restart on the same data folder nothing is lost either.
 */
class LiveResumeTest {

    @TempDir
    Path dir;

    /** What a dashboard kept when it went away: its view as patched so far, and its last offset. */
    private record Kept(JsonNode state, long offset) {
    }

    /** Connects, follows the view while {@code developments} are recorded, and disconnects. */
    private static Kept watchUntil(LiveServer server, String asOf, long prelude, List<String> developments) {
        try (LiveClient client = server.connect()) {
            PatchedView view = new PatchedView("before");
            List<JsonNode> messages = new ArrayList<>(client.subscribeCaughtUp(subscribe(NS, "dash", asOf), prelude));
            List<LiveServer.Posted> posted = server.postEach(developments);
            messages.addAll(client.untilUpdate("dash", posted.get(posted.size() - 1).offset()));
            messages.forEach(view::apply);
            return new Kept(view.state(), view.offset());
        }
    }

    private static long prelude(LiveServer server) {
        server.postBatch(Wire.opening(NS));
        return server.post(stance("prelude", "2020-01-02", "north", "prisoners", "open")).offset();
    }

    @Test
    void resumingInsideTheBufferSendsExactlyTheMissedUpdatesThenResumedThenLiveOnes() {
        try (LiveServer server = LiveServer.embedded(dir)) {
            Kept kept = watchUntil(server, "live", prelude(server), List.of(
                    stance("seen-1", "2020-02-01", "north", "border", "open"),
                    stance("seen-2", "2020-02-02", "south", "border", "opposes")));

            List<LiveServer.Posted> missed = server.postEach(List.of(
                    stance("missed-1", "2020-03-01", "north", "border", "supports"),
                    stance("missed-2", "2020-01-15", "south", "prisoners", "supports"),
                    Wire.commitment(NS, "missed-3", "2020-04-01")));

            try (LiveClient back = server.connect()) {
                back.send(subscribe(NS, "dash", "live").put("since", kept.offset()));
                List<JsonNode> replay = back.next(4);
                assertThat(replay).extracting(m -> m.get("type").asText())
                        .containsExactly("update", "update", "update", "resumed");
                assertThat(replay.subList(0, 3)).extracting(m -> m.get("development").get("id").asText())
                        .containsExactly("missed-1", "missed-2", "missed-3");
                assertThat(replay.subList(0, 3)).extracting(m -> m.get("offset").asLong())
                        .containsExactlyElementsOf(missed.stream().map(LiveServer.Posted::offset).toList());
                assertThat(replay.get(3).get("id").asText()).isEqualTo("dash");
                assertThat(replay.get(3).get("offset").asLong()).isGreaterThanOrEqualTo(missed.get(2).offset());

                PatchedView view = new PatchedView("resumed").startingFrom(kept.state(), kept.offset());
                replay.forEach(view::apply);
                view.assertSameSectionsAs(server.state(NS));

                long after = server.post(stance("after-resume", "2020-05-01", "south", "border", "open")).offset();
                view.apply(back.next("update"));
                assertThat(view.offset()).isEqualTo(after);
                view.assertSameSectionsAs(server.state(NS));
            }
        }
    }

    @Test
    void resumingAPastViewReplaysOnlyWhatChangedItAndResumingAtTheHeadSendsResumedAlone() {
        try (LiveServer server = LiveServer.embedded(dir)) {
            long prelude = prelude(server);
            Kept kept = watchUntil(server, "2020-06-01", prelude,
                    List.of(stance("seen", "2020-02-01", "north", "border", "open")));

            List<LiveServer.Posted> missed = server.postEach(List.of(
                    stance("too-late", "2020-09-01", "north", "border", "supports"),
                    stance("backfill", "2020-03-01", "south", "border", "rejects")));
            try (LiveClient back = server.connect()) {
                back.send(subscribe(NS, "dash", "2020-06-01").put("since", kept.offset()));
                JsonNode update = back.next("update");
                assertThat(update.get("development").get("id").asText()).isEqualTo("backfill");
                assertThat(update.get("offset").asLong()).isEqualTo(missed.get(1).offset());
                assertThat(back.next("resumed").get("asOf").asText()).isEqualTo("2020-06-01");
                PatchedView view = new PatchedView("past").startingFrom(kept.state(), kept.offset()).apply(update);
                view.assertSameSectionsAs(server.state(NS, "asOf=2020-06-01"));

                back.send(subscribe(NS, "head", "live").put("since", missed.get(1).offset()));
                JsonNode resumed = back.next();
                assertThat(resumed.get("type").asText()).as("nothing missed: %s", resumed).isEqualTo("resumed");
                assertThat(resumed.get("offset").asLong()).isEqualTo(missed.get(1).offset());
            }
        }
    }

    @Test
    void resumingFromBeyondTheBufferGetsAFreshSnapshotMarkedNotResumed() {
        TrackerOptions options = TrackerOptions.defaults(StoreSettings.embedded(dir)).withLiveBuffer(5);
        try (LiveServer server = LiveServer.start(options)) {
            Kept kept = watchUntil(server, "live", prelude(server),
                    List.of(stance("seen", "2020-02-01", "north", "border", "open")));
            List<String> missed = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                missed.add(Wire.commitment(NS, "missed-" + i, "2020-03-0" + i));
            }
            long last = server.postBatch(missed);

            try (LiveClient back = server.connect()) {
                back.send(subscribe(NS, "dash", "live").put("since", kept.offset()));
                JsonNode snapshot = back.next("snapshot");
                assertThat(snapshot.get("resumed").isBoolean()).isTrue();
                assertThat(snapshot.get("resumed").asBoolean()).isFalse();
                assertThat(snapshot.get("offset").asLong()).isEqualTo(last);
                PatchedView view = new PatchedView("fresh").apply(snapshot);
                view.assertSameSectionsAs(server.state(NS));

                long after = server.post(stance("after", "2020-05-01", "south", "border", "open")).offset();
                view.apply(back.next("update"));
                assertThat(view.offset()).isEqualTo(after);
                view.assertSameSectionsAs(server.state(NS));

                back.send(subscribe(NS, "ahead", "live").put("since", after + 1_000));
                JsonNode ahead = back.next("snapshot");
                assertThat(ahead.get("resumed").asBoolean(true)).as("an offset this server never reached").isFalse();
                assertThat(ahead.get("offset").asLong()).isEqualTo(after);
            }
        }
    }

    @Test
    void nothingIsLostAcrossARestartOnTheSameDataFolder() {
        Kept kept;
        List<Development> whileDown = List.of(
                Developments.stance(NS, "while-down-1", "2020-03-01", "north", "border", "supports"),
                Developments.stance(NS, "while-down-2", "2020-03-02", "south", "border", "rejects"));
        List<Long> recordedWhileDown;
        try (LiveServer first = LiveServer.embedded(dir)) {
            long prelude = prelude(first);
            try (LiveClient client = first.connect()) {
                PatchedView view = new PatchedView("before restart");
                List<JsonNode> messages = new ArrayList<>(client.subscribeCaughtUp(subscribe(NS, "dash", "live"), prelude));
                long seen = first.post(stance("seen", "2020-02-01", "north", "border", "open")).offset();
                messages.addAll(client.untilUpdate("dash", seen));
                messages.forEach(view::apply);
                kept = new Kept(view.state(), view.offset());

                first.stopServer();
                LiveClient.Closed closed = client.awaitClose(LiveClient.WAIT);
                assertThat(closed.code()).as("going away: %s", closed).isEqualTo((short) 1001);
            }
            // recorded while no server listens (an import, another node…)
            recordedWhileDown = first.tracker().record(whileDown).join().outcomes().stream()
                    .map(o -> o.offset()).toList();
        }

        try (LiveServer restarted = LiveServer.embedded(dir); LiveClient back = restarted.connect()) {
            back.send(subscribe(NS, "dash", "live").put("since", kept.offset()));
            PatchedView view = new PatchedView("after restart").startingFrom(kept.state(), kept.offset());
            JsonNode first = back.next();
            if (first.get("type").asText().equals("snapshot")) {
                // allowed: a server that no longer has the changes sends the whole view afresh
                assertThat(first.get("resumed").asBoolean(true)).isFalse();
                view = new PatchedView("after restart").apply(first);
            } else {
                List<JsonNode> replay = new ArrayList<>(List.of(first));
                replay.addAll(back.until(m -> m.get("type").asText().equals("resumed")));
                assertThat(replay.subList(0, replay.size() - 1))
                        .extracting(m -> m.get("development").get("id").asText() + "@" + m.get("offset").asLong())
                        .containsExactly("while-down-1@" + recordedWhileDown.get(0),
                                "while-down-2@" + recordedWhileDown.get(1));
                replay.forEach(view::apply);
            }
            view.assertSameSectionsAs(restarted.state(NS));
            assertThat(view.state().at("/positions/south/border/development").asText()).isEqualTo("while-down-2");

            long after = restarted.post(stance("after-restart", "2020-04-01", "south", "prisoners", "open")).offset();
            view.apply(back.next("update"));
            assertThat(view.offset()).isEqualTo(after);
            view.assertSameSectionsAs(restarted.state(NS));
        }
    }
}
