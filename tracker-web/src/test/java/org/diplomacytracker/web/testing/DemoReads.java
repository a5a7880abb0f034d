package org.diplomacytracker.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tracker holding exactly the demo data set must answer on the catalogue's reads, checked
 * against the demo file itself. Shared by the embedded, PostgreSQL and packaged-jar scenarios.
 */
public final class DemoReads {

    private static final String P = DemoData.PROCESS;

    /** Where a development stands in the store: what a restart must not change. */
    public record Stand(long offset, String recordedAt) {
    }

    private DemoReads() {
    }

    /**
     * Checks the process list, a few developments by id and the timeline with its filters and paging;
     * returns where each development stands, by id.
     */
    public static Map<String, Stand> assertServesDemo(Api api) {
        Map<String, Stand> stands = assertTimelineInValidTimeOrder(api);
        assertProcessListed(api, stands);
        assertDevelopmentsById(api, stands);
        assertPagingCoversEveryDevelopmentOnce(api);
        assertTimelineFilters(api);
        return stands;
    }

    private static void assertProcessListed(Api api, Map<String, Stand> stands) {
        JsonNode processes = api.processes().get("processes");
        assertThat(processes).hasSize(1);
        JsonNode p = processes.get(0);
        assertThat(p.get("process").asText()).isEqualTo(P);
        assertThat(p.get("title").asText()).isEqualTo("Russia–Ukraine ceasefire talks");
        assertThat(p.get("parties")).extracting(JsonNode::asText).containsExactly("ru", "ua");
        assertThat(p.get("developments").asLong()).isEqualTo(DemoData.SIZE);
        long highest = stands.values().stream().mapToLong(Stand::offset).max().orElseThrow();
        assertThat(p.get("lastOffset").asLong()).isEqualTo(highest);
    }

    /** The full timeline in one page: every demo development as posted, dates non-decreasing. */
    private static Map<String, Stand> assertTimelineInValidTimeOrder(Api api) {
        Reply reply = api.get("/api/processes/" + P + "/timeline");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode page = reply.json();
        assertThat(page.get("next").isNull()).as("one page holds all 100 (default limit)").isTrue();
        List<JsonNode> items = new ArrayList<>();
        page.get("developments").forEach(items::add);

        assertThat(items).extracting(i -> i.get("id").asText())
                .containsExactlyElementsOf(DemoData.idsInValidTimeOrder(d -> true));
        LocalDate previous = LocalDate.MIN;
        for (JsonNode item : items) {
            LocalDate date = LocalDate.parse(item.get("occurredOn").asText());
            assertThat(date).as("date of %s", item.get("id")).isAfterOrEqualTo(previous);
            previous = date;
            JsonNode posted = DemoData.byId(item.get("id").asText());
            assertThat(JsonComparison.sameJson(JsonComparison.withoutStanding(item), posted))
                    .as("timeline item %s is the development as posted:%n%s%n%s", item.get("id"), item, posted)
                    .isTrue();
        }

        Map<String, Stand> stands = new LinkedHashMap<>();
        for (JsonNode item : items) {
            Instant.parse(item.get("recordedAt").asText());
            stands.put(item.get("id").asText(),
                    new Stand(item.get("offset").asLong(), item.get("recordedAt").asText()));
        }
        // recorded in one batch, in file order: offsets strictly increase along the file
        long last = 0;
        for (String id : DemoData.ids()) {
            assertThat(stands.get(id).offset()).as("offset of %s", id).isGreaterThan(last);
            last = stands.get(id).offset();
        }
        return stands;
    }

    private static void assertDevelopmentsById(Api api, Map<String, Stand> stands) {
        JsonNode kellogg = api.development(P, "kellogg-envoy");
        assertThat(JsonComparison.sameJson(kellogg.get("development"), DemoData.byId("kellogg-envoy")))
                .as("kellogg-envoy as posted: %s", kellogg).isTrue();
        assertThat(kellogg.get("offset").asLong()).isEqualTo(stands.get("kellogg-envoy").offset());
        assertThat(kellogg.get("recordedAt").asText()).isEqualTo(stands.get("kellogg-envoy").recordedAt());
        assertThat(kellogg.get("retractedBy").isNull()).isTrue();
        assertThat(kellogg.get("correctedBy")).isEmpty();

        JsonNode corrected = api.development(P, "zelensky-concessions-unacceptable");
        assertThat(corrected.get("correctedBy")).extracting(JsonNode::asText)
                .containsExactly("zelensky-concessions-date-fixed");
        assertThat(corrected.get("retractedBy").isNull()).isTrue();
        assertThat(corrected.at("/development/occurredOn").asText())
                .as("the development as first recorded; the correction stands beside it").isEqualTo("2024-11-01");

        JsonNode retracted = api.development(P, "trump-putin-call-reported");
        assertThat(retracted.get("retractedBy").asText()).isEqualTo("trump-putin-call-denied");
        assertThat(retracted.get("correctedBy")).isEmpty();
    }

    private static void assertPagingCoversEveryDevelopmentOnce(Api api) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply reply = api.get("/api/processes/" + P + "/timeline?limit=7"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            JsonNode page = reply.json();
            assertThat(page.get("developments").size()).isBetween(1, 7);
            page.get("developments").forEach(d -> seen.add(d.get("id").asText()));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
            assertThat(pages).as("paging ends").isLessThanOrEqualTo(DemoData.SIZE);
        } while (cursor != null);
        assertThat(pages).isEqualTo(15); // 14 full pages of 7, then 2
        assertThat(seen).containsExactlyElementsOf(DemoData.idsInValidTimeOrder(d -> true));
    }

    private static void assertTimelineFilters(Api api) {
        assertThat(timelineIds(api, "type=EnvoyAppointed"))
                .containsExactly("medinsky-heads-delegation", "arakhamia-heads-delegation", "kellogg-envoy");
        assertThat(timelineIds(api, "type=ProposalTabled,ProposalWithdrawn"))
                .containsExactlyElementsOf(DemoData.idsInValidTimeOrder(d ->
                        List.of("ProposalTabled", "ProposalWithdrawn").contains(d.get("type").asText())));
        assertThat(timelineIds(api, "actor=keith-kellogg"))
                .containsExactly("actor-keith-kellogg", "kellogg-plan-tabled", "kellogg-backs-own-plan",
                        "kellogg-bitter-pill", "kellogg-envoy");
        LocalDate from = LocalDate.parse("2024-11-01");
        LocalDate to = LocalDate.parse("2024-11-30");
        assertThat(timelineIds(api, "from=2024-11-01&to=2024-11-30"))
                .containsExactlyElementsOf(DemoData.idsInValidTimeOrder(d ->
                        !DemoData.occurredOn(d).isBefore(from) && !DemoData.occurredOn(d).isAfter(to)))
                .hasSizeGreaterThan(10);
        assertThat(timelineIds(api, "from=2024-11-27&to=2024-11-27")).containsExactly("kellogg-envoy");
        assertThat(timelineIds(api, "type=PositionStated&actor=ru&from=2024-11-26"))
                .containsExactly("naryshkin-rejects-freeze", "naryshkin-demands-four-regions",
                        "naryshkin-open-to-talks", "naryshkin-backs-june-terms");
    }

    /** The ids of one timeline query that must fit one page. */
    public static List<String> timelineIds(Api api, String query) {
        Reply reply = api.get("/api/processes/" + P + "/timeline?limit=1000&" + query);
        assertThat(reply.status()).as("timeline?%s: %s", query, reply).isEqualTo(200);
        JsonNode page = reply.json();
        assertThat(page.get("next").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        page.get("developments").forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }
}
