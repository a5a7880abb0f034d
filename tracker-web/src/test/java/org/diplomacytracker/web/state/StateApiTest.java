package org.diplomacytracker.web.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.testing.Problems.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.web.testing.Api;
import org.diplomacytracker.web.testing.DemoData;
import org.diplomacytracker.web.testing.Reply;
import org.diplomacytracker.web.testing.RunningTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state, history and diff endpoints over HTTP: their shapes, and every ill-formed query refused. */
class StateApiTest {

    @TempDir
    static Path dir;

    private static RunningTracker tracker;
    private static Api api;
    private static Instant beforeDemo;

    @BeforeAll
    static void start() {
        tracker = RunningTracker.start(StoreSettings.embedded(dir));
        api = tracker.api();
        beforeDemo = Instant.now();
        assertThat(api.postNdjson(DemoData.ndjson()).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    @Test
    void theStateHasEverySectionKeyedAsTheContractSays() {
        Reply reply = api.get("/api/processes/ru-ua/state?asOf=2024-11-28");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode s = reply.json();
        assertThat(s.get("process").asText()).isEqualTo("ru-ua");
        assertThat(s.get("asOf").asText()).isEqualTo("2024-11-28");
        assertThat(s.get("offset").asLong()).isEqualTo(tracker.headOffset());
        assertThat(s.at("/envoys/keith-kellogg/since").asText()).isEqualTo("2024-11-27");
        assertThat(s.at("/positions/ru/frontline-freeze/stance").asText()).isEqualTo("rejects");
        assertThat(s.at("/issues/frontline-freeze/convergence").asDouble()).isEqualTo(0.75);
        assertThat(s.at("/territory/kursk-pocket/status").asText()).isEqualTo("contested");
        assertThat(s.fieldNames()).toIterable().containsExactly("process", "asOf", "knownAt", "offset", "actors",
                "issues", "envoys", "positions", "proposals", "territory", "commitments", "talks");
        assertThat(s.at("/envoys/keith-kellogg").has("mandate")).as("absent optionals are omitted").isFalse();
        assertThat(api.get("/api/processes/ru-ua/state").json().get("asOf").asText()).isEqualTo("latest");
    }

    @Test
    void knownAtBeforeTheDemoWasRecordedShowsNothingOfIt() {
        JsonNode s = api.get("/api/processes/ru-ua/state?knownAt=" + beforeDemo).json();
        assertThat(s.get("actors").size()).isZero();
        assertThat(s.get("offset").asLong()).isZero();
        JsonNode dayEnd = api.get("/api/processes/ru-ua/state?knownAt=2999-01-01").json();
        assertThat(dayEnd.get("actors").size()).as("a bare date is the end of that day").isPositive();
    }

    @Test
    void historyShowsEveryVersionWithItsSourceAndCorrection() {
        JsonNode h = api.get("/api/processes/ru-ua/positions/ua/territory/history").json();
        JsonNode versions = h.get("versions");
        assertThat(versions.size()).isGreaterThanOrEqualTo(2);
        assertThat(versions.get(0).get("development").asText()).isEqualTo("zelensky-concessions-unacceptable");
        assertThat(versions.get(0).get("correctedBy").asText()).isEqualTo("zelensky-concessions-date-fixed");
        assertThat(versions.get(0).at("/source/outlet").asText()).isNotBlank();
        assertThat(versions.get(0).has("retractedBy")).isTrue();
        for (JsonNode v : versions) {
            v.fields().forEachRemaining(f -> assertThat(f.getValue().isNull()
                    && !f.getKey().equals("retractedBy") && !f.getKey().equals("correctedBy"))
                    .as("absent optional members are omitted, not null: %s in %s", f.getKey(), v).isFalse());
        }
        assertThat(versions.findValues("conditions")).as("no version in this history states conditions").isEmpty();
    }

    @Test
    void theDiffBetweenTwoDatesNamesEachChangedEntry() {
        JsonNode d = api.get("/api/processes/ru-ua/diff?from=2024-11-26&to=2024-11-28").json();
        assertThat(d.get("from").asText()).isEqualTo("2024-11-26");
        boolean kellogg = false;
        for (JsonNode c : d.get("changes")) {
            if (c.get("section").asText().equals("envoys") && c.get("key").asText().equals("keith-kellogg")) {
                kellogg = c.get("before").isNull() && c.at("/after/office").isTextual();
            }
        }
        assertThat(kellogg).as("Kellogg appears between the two dates").isTrue();
    }

    @Test
    void illFormedQueriesAreRefusedNamingTheParameter() {
        assertProblem(api.get("/api/processes/ru-ua/state?asOf=2024-13-01"), 400, "asOf");
        assertProblem(api.get("/api/processes/ru-ua/state?asOf=yesterday"), 400, "asOf");
        assertProblem(api.get("/api/processes/ru-ua/state?knownAt=soon"), 400, "knownAt");
        assertProblem(api.get("/api/processes/ru-ua/diff?from=2024-11-28&to=2024-11-26"), 400, "from");
        assertProblem(api.get("/api/processes/ru-ua/diff?to=2024-11-26"), 400, "from");
        assertProblem(api.get("/api/processes/ru-ua/history"), 404);
        assertProblem(api.get("/api/processes/ru-ua/positions/ua/territory/history?knownAt=x"), 400, "knownAt");
    }

    @Test
    void unknownProcessesActorsAndIssuesAreNotFound() {
        assertProblem(api.get("/api/processes/nowhere/state"), 404);
        assertProblem(api.get("/api/processes/nowhere/diff?from=2024-01-01&to=2024-02-01"), 404);
        assertProblem(api.get("/api/processes/nowhere/positions/ua/territory/history"), 404);
        assertProblem(api.get("/api/processes/ru-ua/positions/nobody/territory/history"), 404);
        assertProblem(api.get("/api/processes/ru-ua/positions/ua/nothing/history"), 404);
    }
}
