package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.live.LiveClient.subscribe;
import static org.diplomacytracker.web.live.Wire.EW;
import static org.diplomacytracker.web.live.Wire.NS;
import static org.diplomacytracker.web.live.Wire.stance;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the views whose state a development changes hear of it. One dashboard follows four views on
 * one connection — north-south live, north-south as of 1 June 2020, north-south as known before the
 * story began, and east-west live — so the server's messages arrive in one order and a fence after the
 * last development shows everything that was (and was not) sent.
 */
class LiveRoutingTest {

    @TempDir
    Path dir;

    @Test
    void eachDevelopmentReachesExactlyTheViewsItChanges() {
        try (LiveServer server = LiveServer.embedded(dir)) {
            server.postBatch(Wire.opening(NS));
            server.postBatch(Wire.opening(EW));
            LiveServer.Posted lastBeforeStory = server.post(stance("ns-prelude", "2020-01-02", "south", "prisoners", "open"));

            try (LiveClient dashboard = server.connect()) {
                List<JsonNode> snapshots = new ArrayList<>(
                        dashboard.subscribeCaughtUp(subscribe(NS, "live", "live"), lastBeforeStory.offset()));
                dashboard.send(subscribe(NS, "june", "2020-06-01"));
                dashboard.send(subscribe(NS, "then", "live").put("knownAt", lastBeforeStory.recordedAt().toString()));
                dashboard.send(subscribe(EW, "other", "live"));
                snapshots.addAll(dashboard.next(3));
                assertThat(snapshots.subList(snapshots.size() - 3, snapshots.size()))
                        .extracting(m -> m.get("type").asText()).containsOnly("snapshot");

                List<String> story = List.of(
                        // a backfill dated before the past view's date: both north-south views change
                        stance("backfill-march", "2020-03-01", "north", "border", "open"),
                        // dated after 1 June: the live view only
                        stance("september", "2020-09-01", "north", "prisoners", "supports"),
                        // another process: its own view only
                        stance(EW, "ew-march", "2020-03-01", "north", "border", "supports"),
                        // a later statement on the same key: live changes, June keeps March
                        stance("border-september", "2020-09-01", "north", "border", "supports"),
                        // a backfill between March and June: June changes, live keeps September
                        stance("border-april", "2020-04-01", "north", "border", "rejects"),
                        // dated on the past view's very date: it counts there
                        stance("on-the-day", "2020-06-01", "south", "border", "opposes"),
                        // a backfill older than what either view shows on that key: nobody changes
                        stance("border-february", "2020-02-01", "north", "border", "demands"),
                        // the last one reaches the live view, so the fence below comes after all of them
                        stance("october", "2020-10-01", "south", "prisoners", "supports"));
                List<LiveServer.Posted> posted = server.postEach(story);
                List<JsonNode> messages = new ArrayList<>(dashboard.untilUpdate("live", posted.get(posted.size() - 1).offset()));
                messages.addAll(dashboard.fence(NS));

                Map<String, List<String>> reached = new TreeMap<>();
                for (String view : List.of("live", "june", "then", "other")) {
                    reached.put(view, new ArrayList<>());
                }
                for (JsonNode m : messages) {
                    assertThat(m.get("type").asText()).as("only updates after the snapshots: %s", m).isEqualTo("update");
                    reached.get(m.get("id").asText()).add(m.get("development").get("id").asText());
                }
                assertThat(reached).isEqualTo(Map.of(
                        "live", List.of("backfill-march", "september", "border-september", "on-the-day", "october"),
                        "june", List.of("backfill-march", "border-april", "on-the-day"),
                        "then", List.of(),
                        "other", List.of("ew-march")));

                // and what each view shows is what REST shows
                PatchedView june = new PatchedView("june").applyAll(snapshots, "june").applyAll(messages, "june");
                june.assertSameSectionsAs(server.state(NS, "asOf=2020-06-01"));
                assertThat(june.state().at("/positions/north/border/stance").asText()).isEqualTo("rejects");
                PatchedView live = new PatchedView("live").applyAll(snapshots, "live").applyAll(messages, "live");
                live.assertSameSectionsAs(server.state(NS));
                assertThat(live.state().at("/positions/north/border/stance").asText()).isEqualTo("supports");
                PatchedView other = new PatchedView("other").applyAll(snapshots, "other").applyAll(messages, "other");
                other.assertSameSectionsAs(server.state(EW));
            }
        }
    }
}
