package org.diplomacytracker.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.testing.Problems.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.web.testing.Api;
import org.diplomacytracker.web.testing.DemoData;
import org.diplomacytracker.web.testing.NewDevelopments;
import org.diplomacytracker.web.testing.Reply;
import org.diplomacytracker.web.testing.RunningTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An analyst records the demo data set over HTTP into an embedded store, then single developments;
 * the id is the idempotency key, before and after a restart.
 */
class RecordingOverHttpTest {

    @TempDir
    Path data;

    private RunningTracker tracker;

    @BeforeEach
    void start() {
        tracker = RunningTracker.start(StoreSettings.embedded(data));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void demoBatchIsRecordedOnceAndPostingItAgainCountsOnlyDuplicates() {
        Api api = tracker.api();

        Reply first = api.postNdjson(DemoData.ndjson());
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.header("Content-Type")).startsWith("application/json");
        JsonNode batch = first.json();
        assertThat(batch.get("accepted").asInt()).isEqualTo(100);
        assertThat(batch.get("duplicates").asInt()).isEqualTo(0);
        long firstOffset = batch.get("firstOffset").asLong();
        long lastOffset = batch.get("lastOffset").asLong();
        assertThat(firstOffset).isPositive().isLessThan(lastOffset);
        assertThat(api.development("ru-ua", "process-opened").get("offset").asLong()).isEqualTo(firstOffset);
        assertThat(api.development("ru-ua", "arakhamia-delegation-ended").get("offset").asLong())
                .isEqualTo(lastOffset);
        assertThat(api.processes().at("/processes/0/developments").asInt()).isEqualTo(100);
        assertThat(tracker.headOffset()).isEqualTo(lastOffset);

        Reply again = api.postNdjson(DemoData.ndjson());
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().get("accepted").asInt()).isEqualTo(0);
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(100);
        assertThat(tracker.headOffset()).as("nothing new stored").isEqualTo(lastOffset);
        assertThat(api.processes().at("/processes/0/developments").asInt()).isEqualTo(100);
    }

    @Test
    void batchMixingDuplicatesWithNewDevelopmentsStoresOnlyTheNew() {
        Api api = tracker.api();
        assertThat(api.postNdjson(DemoData.ndjson()).status()).isEqualTo(201);
        long head = tracker.headOffset();

        Reply mixed = api.postNdjson(NewDevelopments.ndjson(
                DemoData.byId("kellogg-envoy"),
                NewDevelopments.position("mixed-new-1"),
                DemoData.byId("naryshkin-rejects-freeze"),
                NewDevelopments.position("mixed-new-2")));
        assertThat(mixed.status()).as("%s", mixed).isEqualTo(201);
        JsonNode batch = mixed.json();
        assertThat(batch.get("accepted").asInt()).isEqualTo(2);
        assertThat(batch.get("duplicates").asInt()).isEqualTo(2);
        assertThat(batch.get("firstOffset").asLong())
                .isEqualTo(api.development("ru-ua", "mixed-new-1").get("offset").asLong())
                .isGreaterThan(head);
        assertThat(batch.get("lastOffset").asLong())
                .isEqualTo(api.development("ru-ua", "mixed-new-2").get("offset").asLong())
                .isEqualTo(tracker.headOffset());
        assertThat(api.processes().at("/processes/0/developments").asInt()).isEqualTo(102);
    }

    @Test
    void singleDevelopmentIsRecordedOnceAndItsIdRefusesOtherContent() {
        Api api = tracker.api();
        assertThat(api.postNdjson(DemoData.ndjson()).status()).isEqualTo(201);
        ObjectNode position = NewDevelopments.position("vance-guarantees-test");

        Reply created = api.postJson(position);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.get("id").asText()).isEqualTo("vance-guarantees-test");
        long offset = body.get("offset").asLong();
        String recordedAt = body.get("recordedAt").asText();
        Instant.parse(recordedAt);
        assertThat(offset).isGreaterThan(DemoData.SIZE - 1);
        assertThat(created.header("Location")).isEqualTo("/api/processes/ru-ua/developments/vance-guarantees-test");

        JsonNode stored = api.get(created.header("Location")).json();
        assertThat(stored.get("offset").asLong()).isEqualTo(offset);
        assertThat(stored.get("recordedAt").asText()).isEqualTo(recordedAt);
        assertThat(stored.at("/development/stance").asText()).isEqualTo("opposes");

        Reply duplicate = api.postJson(position);
        assertThat(duplicate.status()).as("%s", duplicate).isEqualTo(200);
        assertThat(duplicate.json().get("duplicate").asBoolean()).isTrue();
        assertThat(duplicate.json().get("offset").asLong()).isEqualTo(offset);
        assertThat(duplicate.json().get("recordedAt").asText()).isEqualTo(recordedAt);
        assertThat(tracker.headOffset()).isEqualTo(offset);

        Reply conflict = api.postJson(position.deepCopy().put("stance", "supports"));
        assertProblem(conflict, 409, "id");
        assertThat(tracker.headOffset()).isEqualTo(offset);
        assertThat(api.get(created.header("Location")).json().at("/development/stance").asText())
                .isEqualTo("opposes");
    }

    @Test
    void duplicatesAndConflictsAreRecognisedAfterRestart() {
        assertThat(tracker.api().postNdjson(DemoData.ndjson()).status()).isEqualTo(201);
        ObjectNode position = NewDevelopments.position("vance-guarantees-test");
        JsonNode created = tracker.api().postJson(position).json();
        long head = tracker.headOffset();

        tracker.restart();
        Api api = tracker.api();

        Reply duplicate = api.postJson(position);
        assertThat(duplicate.status()).as("%s", duplicate).isEqualTo(200);
        assertThat(duplicate.json().get("duplicate").asBoolean()).isTrue();
        assertThat(duplicate.json().get("offset").asLong()).isEqualTo(created.get("offset").asLong());
        assertThat(duplicate.json().get("recordedAt").asText()).isEqualTo(created.get("recordedAt").asText());

        assertProblem(api.postJson(position.deepCopy().put("stance", "demands")), 409, "id");

        Reply demoAgain = api.postNdjson(DemoData.ndjson());
        assertThat(demoAgain.status()).as("%s", demoAgain).isEqualTo(200);
        assertThat(demoAgain.json().get("duplicates").asInt()).isEqualTo(100);

        // the demo posted as single developments: each a duplicate with the offset the batch gave it
        JsonNode kellogg = api.development("ru-ua", "kellogg-envoy");
        Reply single = api.postJson(DemoData.byId("kellogg-envoy"));
        assertThat(single.status()).isEqualTo(200);
        assertThat(single.json().get("offset").asLong()).isEqualTo(kellogg.get("offset").asLong());

        assertThat(tracker.headOffset()).isEqualTo(head);
        assertThat(api.processes().at("/processes/0/developments").asInt()).isEqualTo(101);
    }

    @Test
    void compressedBodiesAreRecordedAsIfSentPlain() {
        Api api = tracker.api();
        assertThat(api.postNdjson(DemoData.ndjson()).status()).isEqualTo(201);

        byte[] single = NewDevelopments.position("sent-gzipped").toString().getBytes(StandardCharsets.UTF_8);
        Reply gzipped = RawRequests.post(api, "application/json; charset=utf-8", "gzip", RawRequests.gzip(single));
        assertThat(gzipped.status()).as("%s", gzipped).isEqualTo(201);
        assertThat(api.development("ru-ua", "sent-gzipped").at("/development/stance").asText()).isEqualTo("opposes");

        byte[] batch = NewDevelopments.ndjson(NewDevelopments.position("sent-deflated-1"),
                NewDevelopments.position("sent-deflated-2")).getBytes(StandardCharsets.UTF_8);
        Reply deflated = RawRequests.post(api, "application/x-ndjson; charset=UTF-8", "deflate",
                RawRequests.deflate(batch));
        assertThat(deflated.status()).as("%s", deflated).isEqualTo(201);
        assertThat(deflated.json().get("accepted").asInt()).isEqualTo(2);

        Reply identity = RawRequests.post(api, "application/json", "identity",
                NewDevelopments.position("sent-as-is").toString().getBytes(StandardCharsets.UTF_8));
        assertThat(identity.status()).as("%s", identity).isEqualTo(201);
        assertThat(api.processes().at("/processes/0/developments").asInt()).isEqualTo(DemoData.SIZE + 4);
    }

    /**
     * An answer waits until the read models hold the development (so that a GET right after sees it).
     * Storing one takes milliseconds; the wait must not add the event processor's idle poll (500 ms)
     * to every write: twenty in a row take well under a second when it does not.
     */
    @Test
    void singleDevelopmentsAreAnsweredWithoutWaitingForTheProcessorsIdlePoll() {
        Api api = tracker.api();
        assertThat(api.postNdjson(DemoData.ndjson()).status()).isEqualTo(201);
        assertThat(api.postJson(NewDevelopments.position("warm-up")).status()).isEqualTo(201);

        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            Reply reply = api.postJson(NewDevelopments.position("in-a-row-" + i));
            assertThat(reply.status()).as("%s", reply).isEqualTo(201);
            assertThat(api.get(reply.header("Location")).status()).as("visible at once").isEqualTo(200);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("20 single developments, one after another").isLessThan(Duration.ofSeconds(4));
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"application/ndjson", "application/jsonl",
            "application/x-ndjson; charset=UTF-8"})
    void aBatchIsTakenUnderEachNameNdjsonGoesBy(String contentType) {
        Api api = tracker.api();
        assertThat(api.postNdjson(DemoData.ndjson()).status()).isEqualTo(201);
        String id = "batch-as-" + contentType.replaceAll("[^a-z]", "-");
        Reply reply = api.post(contentType, NewDevelopments.ndjson(
                NewDevelopments.position(id)).getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        assertThat(api.development("ru-ua", id).at("/development/id").asText()).isEqualTo(id);
    }
}
