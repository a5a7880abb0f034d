package org.diplomacytracker.web.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.testing.NewDevelopments.json;
import static org.diplomacytracker.web.testing.Problems.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.diplomacytracker.core.testing.TestDatabases;
import org.diplomacytracker.core.testing.TestDatabases.PostgresSchema;
import org.diplomacytracker.web.testing.Api;
import org.diplomacytracker.web.testing.NewDevelopments;
import org.diplomacytracker.web.testing.Reply;
import org.diplomacytracker.web.testing.RunningTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two tracker nodes, each with its own HTTP server, share one PostgreSQL event store. Commands may
 * arrive at either; the store's optimistic concurrency keeps the process consistent, and each node
 * learns the other's developments by tailing the store.
 */
class TwoNodesOnOneSchemaTest {

    /** A node sees the other's developments within its poll interval (1 s); this bounds the wait. */
    private static final Duration CONVERGENCE = Duration.ofSeconds(10);

    private PostgresSchema schema;
    private RunningTracker nodeA;
    private RunningTracker nodeB;

    @BeforeEach
    void startTwoNodes() {
        schema = TestDatabases.postgres();
        nodeA = RunningTracker.start(schema.settings());
        nodeB = RunningTracker.start(schema.settings());
    }

    @AfterEach
    void stopNodes() {
        try (PostgresSchema s = schema; RunningTracker a = nodeA; RunningTracker b = nodeB) {
            // closed in reverse order: B, A, then the schema dropped
        }
    }

    private static ObjectNode position(String id, String stance) {
        return json("""
                {"id":"%s","process":"shared","type":"PositionStated","occurredOn":"2024-12-05",
                 "source":{"outlet":"Test desk"},"actor":"a","issue":"ceasefire","stance":"%s"}"""
                .formatted(id, stance));
    }

    private static String setup() {
        return NewDevelopments.ndjson(
                NewDevelopments.processOpened("shared"),
                json("""
                        {"id":"actor-a","process":"shared","type":"ActorRegistered","occurredOn":"2024-01-01",
                         "source":{"outlet":"Test desk"},"actor":"a","name":"Side A","kind":"state"}"""),
                json("""
                        {"id":"issue-ceasefire","process":"shared","type":"IssueDefined","occurredOn":"2024-01-01",
                         "source":{"outlet":"Test desk"},"issue":"ceasefire","title":"Ceasefire"}"""));
    }

    @Test
    void sameDevelopmentThroughBothNodesIsStoredOnceAndOtherContentIsAConflict() {
        Reply opened = nodeA.api().postJson(NewDevelopments.processOpened("shared"));
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);

        Reply again = nodeB.api().postJson(NewDevelopments.processOpened("shared"));
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("offset").asLong()).isEqualTo(opened.json().get("offset").asLong());
        assertThat(again.json().get("recordedAt").asText()).isEqualTo(opened.json().get("recordedAt").asText());

        assertProblem(nodeB.api().postJson(NewDevelopments.processOpened("shared").put("title", "Other title")),
                409, "id");
        assertThat(nodeA.headOffset()).isEqualTo(nodeB.headOffset()).isEqualTo(opened.json().get("offset").asLong());
    }

    /**
     * B loads the process (a duplicate of what A recorded), then A records more. What B decides next
     * must rest on the store, not on the process as B last loaded it.
     */
    private Reply aRecordsAfterBLoadedTheProcess() {
        assertThat(nodeA.api().postJson(NewDevelopments.processOpened("shared")).status()).isEqualTo(201);
        assertThat(nodeB.api().postJson(NewDevelopments.processOpened("shared")).status()).isEqualTo(200);
        Reply defined = nodeA.api().postNdjson(setup());
        assertThat(defined.status()).as("%s", defined).isEqualTo(201);
        Reply stated = nodeA.api().postJson(position("a-for-ceasefire", "supports"));
        assertThat(stated.status()).as("%s", stated).isEqualTo(201);
        return stated;
    }

    @Test
    void otherContentThroughTheNodeThatLoadedTheProcessEarlierIsStillAConflict() {
        aRecordsAfterBLoadedTheProcess();
        long head = nodeA.headOffset();

        assertProblem(nodeB.api().postJson(position("a-for-ceasefire", "rejects")), 409, "id");
        assertThat(nodeB.headOffset()).isEqualTo(head);
    }

    @Test
    void sameContentThroughTheNodeThatLoadedTheProcessEarlierIsStillADuplicate() {
        Reply stated = aRecordsAfterBLoadedTheProcess();
        long head = nodeA.headOffset();

        Reply duplicate = nodeB.api().postJson(position("a-for-ceasefire", "supports"));
        assertThat(duplicate.status()).as("%s", duplicate).isEqualTo(200);
        assertThat(duplicate.json().get("offset").asLong()).isEqualTo(stated.json().get("offset").asLong());
        assertThat(nodeB.headOffset()).isEqualTo(head);
    }

    @Test
    void developmentReferringToWhatTheOtherNodeRecordedIsAcceptedByTheNodeThatLoadedTheProcessEarlier() {
        aRecordsAfterBLoadedTheProcess();

        // actor a and issue ceasefire were registered through A
        Reply stated = nodeB.api().postJson(position("a-open-to-ceasefire", "open"));
        assertThat(stated.status()).as("%s", stated).isEqualTo(201);
    }

    @Test
    void concurrentWritesThroughBothNodesAreAllRecordedAndBothNodesSeeThemAll() throws Exception {
        assertThat(nodeA.api().postNdjson(setup()).status()).isEqualTo(201);
        int threads = 4;
        int perThread = 50;
        List<Api> nodes = List.of(nodeA.api(), nodeB.api());
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Map<String, Long> offsets = new ConcurrentHashMap<>();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < perThread; k++) {
                        String id = "p-" + thread + "-" + k;
                        Api node = nodes.get((thread + k) % 2);
                        Reply reply = node.postJson(position(id, k % 2 == 0 ? "supports" : "opposes"));
                        if (reply.status() != 201) {
                            failures.add(id + " via " + node + ": " + reply);
                        } else {
                            offsets.put(id, reply.json().get("offset").asLong());
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures).as("every write accepted").isEmpty();
        int total = 3 + threads * perThread;
        assertThat(offsets).hasSize(threads * perThread);
        assertThat(offsets.values()).as("each stored at its own offset").doesNotHaveDuplicates();

        Map<String, Long> seenByA = awaitAll(nodeA.api(), total);
        Map<String, Long> seenByB = awaitAll(nodeB.api(), total);
        assertThat(seenByA).containsAllEntriesOf(offsets).isEqualTo(seenByB);
        assertThat(nodeA.headOffset()).isEqualTo(nodeB.headOffset())
                .isEqualTo(seenByA.values().stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    /** Waits (bounded) until a node lists {@code total} developments; returns its offsets by id. */
    private static Map<String, Long> awaitAll(Api node, int total) throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGENCE.toNanos();
        while (node.processes().at("/processes/0/developments").asInt() < total
                && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling a condition under a deadline, not waiting for a guess
        }
        JsonNode summary = node.processes().at("/processes/0");
        assertThat(summary.get("developments").asInt()).as("developments on %s after %s", node, CONVERGENCE)
                .isEqualTo(total);
        Reply page = node.get("/api/processes/shared/timeline?limit=1000");
        Map<String, Long> offsets = new TreeMap<>();
        page.json().get("developments").forEach(d -> offsets.put(d.get("id").asText(), d.get("offset").asLong()));
        assertThat(offsets).hasSize(total);
        assertThat(summary.get("lastOffset").asLong())
                .isEqualTo(offsets.values().stream().mapToLong(Long::longValue).max().orElseThrow());
        return offsets;
    }
}
