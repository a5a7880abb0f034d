package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.live.LiveClient.subscribe;
import static org.diplomacytracker.web.live.Wire.NS;
import static org.diplomacytracker.web.live.Wire.dev;
import static org.diplomacytracker.web.live.Wire.stance;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dashboard's copy of a view — the snapshot with every update's JSON Patch applied — is the REST
 * state of that view at the same offset, after each update and at the end, through every kind of
 * development: envoys appointed and gone, positions and backfills, proposals tabled, backed, amended
 * and withdrawn, territory, talks, commitments, retractions (and a retracted retraction), corrections.
 * Four views watch: live, two past dates, and one known at a past moment; a fifth joins half-way.
 */
class LiveStateMatchesRestTest {

    @TempDir
    Path dir;

    /** The story after the opening, in recorded order, split where the late view joins. */
    private static final List<String> FIRST_HALF = List.of(
            dev(NS, "envoy-named", "EnvoyAppointed", "2020-02-01", "\"person\":\"envoy-x\",\"office\":\"Special Envoy\","
                    + "\"appointedBy\":\"mediator\",\"represents\":\"mediator\",\"mandate\":\"shuttle between capitals\""),
            dev(NS, "north-on-border", "PositionStated", "2020-03-01", "\"actor\":\"north\",\"speaker\":\"envoy-x\","
                    + "\"issue\":\"border\",\"stance\":\"supports\",\"quote\":\"A joint commission can draw the line.\""),
            stance("south-on-border", "2020-03-05", "south", "border", "rejects"),
            dev(NS, "valley-held", "TerritoryControlChanged", "2020-02-15",
                    "\"area\":\"valley\",\"controller\":\"north\",\"status\":\"controlled\""),
            dev(NS, "plan-tabled", "ProposalTabled", "2020-04-01", "\"proposal\":\"commission-plan\",\"title\":\"Joint "
                    + "border commission\",\"sponsor\":\"mediator\",\"provisions\":[{\"issue\":\"border\",\"term\":\"A "
                    + "joint commission draws the line\"}]"),
            dev(NS, "south-backs-plan", "PositionStated", "2020-04-02",
                    "\"actor\":\"south\",\"proposal\":\"commission-plan\",\"stance\":\"supports\""),
            dev(NS, "north-against-plan", "PositionStated", "2020-04-03",
                    "\"actor\":\"north\",\"proposal\":\"commission-plan\",\"stance\":\"opposes\",\"conditions\":\"only "
                    + "after a ceasefire\""),
            dev(NS, "plan-amended", "ProposalAmended", "2020-05-01", "\"proposal\":\"commission-plan\",\"provisions\":["
                    + "{\"issue\":\"border\",\"term\":\"A joint commission draws the line\"},{\"issue\":\"prisoners\","
                    + "\"term\":\"All-for-all exchange\"}],\"note\":\"prisoners added\""),
            dev(NS, "geneva-talks", "TalksHeld", "2020-06-10", "\"participants\":[\"north\",\"south\",\"mediator\"],"
                    + "\"venue\":\"Geneva\",\"format\":\"multilateral\",\"topics\":[\"border\"],"
                    + "\"outcome\":\"agreed to meet again\""),
            dev(NS, "fund-pledged", "CommitmentMade", "2020-06-15", "\"actor\":\"mediator\",\"kind\":\"financial\","
                    + "\"recipient\":\"south\",\"amount\":2500000.50,\"unit\":\"USD\",\"status\":\"pledged\""),
            dev(NS, "valley-contested", "TerritoryControlChanged", "2020-07-01", "\"area\":\"valley\","
                    + "\"controller\":\"south\",\"status\":\"contested\",\"previousController\":\"north\""));

    private static final List<String> SECOND_HALF = List.of(
            // backfills: the first fills a key nobody had, the second only the past before a later statement
            stance("north-prisoners-early", "2019-12-01", "north", "prisoners", "open"),
            stance("north-border-january", "2020-01-15", "north", "border", "opposes"),
            dev(NS, "south-border-retracted", "DevelopmentRetracted", "2020-07-05",
                    "\"target\":\"south-on-border\",\"reason\":\"misattributed to the south's foreign ministry\""),
            dev(NS, "north-border-corrected", "DevelopmentCorrected", "2020-07-06", "\"target\":\"north-on-border\","
                    + "\"replacement\":" + dev(NS, "north-on-border", "PositionStated", "2020-03-02",
                    "\"actor\":\"north\",\"speaker\":\"envoy-x\",\"issue\":\"border\",\"stance\":\"demands\","
                            + "\"quote\":\"A joint commission must draw the line.\"")),
            dev(NS, "envoy-gone", "EnvoyLeft", "2020-08-01", "\"person\":\"envoy-x\",\"office\":\"Special Envoy\""),
            dev(NS, "plan-withdrawn", "ProposalWithdrawn", "2020-09-01",
                    "\"proposal\":\"commission-plan\",\"reason\":\"overtaken by events\""),
            dev(NS, "retraction-withdrawn", "DevelopmentRetracted", "2020-09-05",
                    "\"target\":\"south-border-retracted\",\"reason\":\"the attribution was right after all\""),
            dev(NS, "envoy-back", "EnvoyAppointed", "2020-10-01", "\"person\":\"envoy-x\",\"office\":\"Chief "
                    + "Negotiator\",\"appointedBy\":\"north\",\"represents\":\"north\""),
            dev(NS, "talks-venue-corrected", "DevelopmentCorrected", "2020-10-02", "\"target\":\"geneva-talks\","
                    + "\"replacement\":" + dev(NS, "geneva-talks", "TalksHeld", "2020-06-12",
                    "\"participants\":[\"north\",\"south\",\"mediator\"],\"venue\":\"Vienna\","
                            + "\"format\":\"multilateral\",\"topics\":[\"border\",\"prisoners\"]")),
            stance("south-prisoners", "2020-10-10", "south", "prisoners", "supports"),
            stance("south-prisoners-backfill", "2020-02-01", "south", "prisoners", "opposes"),
            dev(NS, "guarantee-considered", "CommitmentMade", "2020-10-05", "\"actor\":\"mediator\","
                    + "\"kind\":\"guarantee\",\"recipient\":\"north\",\"description\":\"monitors on the line\","
                    + "\"status\":\"considered\""));

    private final Map<String, LiveServer.Posted> posted = new LinkedHashMap<>();
    private LiveServer server;

    @Test
    void snapshotPlusPatchesIsTheRestStateAtEveryOffsetThroughEveryKindOfDevelopment() {
        try (LiveServer s = LiveServer.embedded(dir)) {
            server = s;
            // one by one, so that whatever offset a snapshot shows, its moment of recording is known
            Wire.opening(NS).forEach(this::record);
            record(dev(NS, "mediator", "ActorRegistered", "2020-01-01",
                    "\"actor\":\"mediator\",\"name\":\"Mediator\",\"kind\":\"organisation\",\"role\":\"facilitator\""));
            Instant then = posted.get("mediator").recordedAt();

            try (LiveClient live = server.connect(); LiveClient dated = server.connect()) {
                List<JsonNode> liveMessages = new ArrayList<>(
                        live.subscribeCaughtUp(subscribe(NS, null, "live"), posted.get("mediator").offset()));
                dated.send(subscribe(NS, "feb", "2020-02-20"));
                dated.send(subscribe(NS, "june", "2020-06-30"));
                dated.send(subscribe(NS, "then", "live").put("knownAt", then.toString()));
                dated.send(subscribe(NS, "ahead", "live").put("knownAt", "2999-01-01"));
                List<JsonNode> datedMessages = new ArrayList<>(dated.next(4));

                FIRST_HALF.forEach(this::record);
                liveMessages.addAll(live.untilUpdate(null, last()));
                dated.send(subscribe(NS, "late", "2020-06-30"));
                SECOND_HALF.forEach(this::record);
                liveMessages.addAll(live.untilUpdate(null, last()));
                datedMessages.addAll(dated.fence(NS));

                checkView("live", null, liveMessages, null);
                checkView("feb", "2020-02-20", datedMessages, "feb");
                checkView("june", "2020-06-30", datedMessages, "june");
                checkView("late", "2020-06-30", datedMessages, "late");

                PatchedView thenView = new PatchedView("then").applyAll(datedMessages, "then");
                assertThat(thenView.updates()).as("a view known at a past moment never changes").isEmpty();
                JsonNode restThen = server.state(NS, "knownAt=" + then);
                thenView.assertSameSectionsAs(restThen);
                assertThat(thenView.offset()).isEqualTo(restThen.get("offset").asLong())
                        .isEqualTo(posted.get("mediator").offset());

                PatchedView aheadView = new PatchedView("ahead").applyAll(datedMessages, "ahead");
                JsonNode restAhead = server.state(NS, "knownAt=2999-01-01");
                assertThat(aheadView.updates()).as("a view known at a later moment follows what is recorded").isNotEmpty();
                aheadView.assertSameSectionsAs(restAhead);
                assertThat(aheadView.state().get("knownAt").asText()).as("the view keeps the knownAt it asked for")
                        .isEqualTo(restAhead.get("knownAt").asText());
            }
        }
    }

    @Test
    void amountsAreWrittenInPlainDigitsAsTheRestStateWritesThem() {
        try (LiveServer s = LiveServer.embedded(dir)) {
            server = s;
            server.postBatch(Wire.opening(NS));
            record(stance("prelude", "2020-01-02", "north", "border", "open"));
            try (LiveClient live = server.connect()) {
                live.subscribeCaughtUp(subscribe(NS, null, "live"), last());
                record(dev(NS, "aid-pledged", "CommitmentMade", "2020-03-01", "\"actor\":\"north\",\"kind\":"
                        + "\"military-aid\",\"recipient\":\"south\",\"amount\":3000000000,\"unit\":\"EUR\","
                        + "\"status\":\"pledged\""));
                String update = live.nextReceived().text();
                live.send(subscribe(NS, "again", "live"));
                String snapshot = live.nextReceived().text();

                assertThat(server.stateText(NS, "")).contains("\"amount\":3000000000");
                assertThat(update).as("the update's patch").contains("\"amount\":3000000000").doesNotContain("E+");
                assertThat(snapshot).as("a snapshot").contains("\"amount\":3000000000").doesNotContain("E+");
            }
        }
    }

    /**
     * Replays one view's messages: every update is a development that changed the view (REST at the
     * moment it was recorded differs from REST just before), none that did is missing, and the patched
     * state equals REST at that moment — sections and offset; at the end it equals REST now.
     */
    private void checkView(String name, String asOf, List<JsonNode> messages, String id) {
        PatchedView view = new PatchedView(name);
        String dateQuery = asOf == null ? "" : "asOf=" + asOf + "&";
        List<String> expected = new ArrayList<>();
        List<LiveServer.Posted> story = new ArrayList<>(posted.values());
        long snapshotOffset = messages.stream().filter(m -> m.path("type").asText().equals("snapshot")
                && (id == null ? !m.has("id") : id.equals(m.path("id").asText(null))))
                .findFirst().orElseThrow().get("offset").asLong();
        int first = story.indexOf(story.stream().filter(p -> p.offset() == snapshotOffset).findFirst().orElseThrow()) + 1;
        for (int i = first; i < story.size(); i++) {
            JsonNode was = server.state(NS, dateQuery + "knownAt=" + story.get(i - 1).recordedAt());
            JsonNode is = server.state(NS, dateQuery + "knownAt=" + story.get(i).recordedAt());
            if (!PatchedView.sections(was).equals(PatchedView.sections(is))) {
                expected.add(story.get(i).id());
            }
        }
        for (JsonNode m : messages) {
            if (id == null ? m.has("id") : !id.equals(m.path("id").asText(null))) {
                continue;
            }
            view.apply(m);
            if (m.path("type").asText().equals("update")) {
                LiveServer.Posted p = posted.get(m.path("development").path("id").asText());
                assertThat(p).as("%s: an update for a development never posted: %s", name, m).isNotNull();
                assertThat(m.get("offset").asLong()).as("%s: the update's offset is its development's", name)
                        .isEqualTo(p.offset());
            }
            JsonNode rest = server.state(NS, dateQuery + "knownAt=" + recordedAtOf(view.offset()));
            view.assertSameSectionsAs(rest);
            assertThat(view.offset()).as("%s: offset vs REST at the same moment", name)
                    .isEqualTo(rest.get("offset").asLong());
        }
        assertThat(view.snapshots()).as("%s: one snapshot", name).isEqualTo(1);
        assertThat(view.updatedBy()).as("%s: the developments that changed this view, in order", name)
                .containsExactlyElementsOf(expected);
        assertThat(expected).as("%s: the story changes this view", name).isNotEmpty();
        JsonNode now = server.state(NS, asOf == null ? "" : "asOf=" + asOf);
        view.assertSameSectionsAs(now);
        if (asOf == null) {
            assertThat(view.offset()).as("live view offset vs REST now").isEqualTo(now.get("offset").asLong());
        }
    }

    private Instant recordedAtOf(long offset) {
        return posted.values().stream().filter(p -> p.offset() == offset).findFirst()
                .orElseThrow(() -> new AssertionError("no development posted at offset " + offset)).recordedAt();
    }

    private void record(String json) {
        LiveServer.Posted p = server.post(json);
        posted.put(p.id(), p);
    }

    private long last() {
        return new ArrayList<>(posted.values()).get(posted.size() - 1).offset();
    }
}
