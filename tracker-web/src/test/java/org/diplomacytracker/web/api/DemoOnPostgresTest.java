package org.diplomacytracker.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.diplomacytracker.core.testing.TestDatabases;
import org.diplomacytracker.core.testing.TestDatabases.PostgresSchema;
import org.diplomacytracker.web.testing.DemoData;
import org.diplomacytracker.web.testing.DemoReads;
import org.diplomacytracker.web.testing.Reply;
import org.diplomacytracker.web.testing.RunningTracker;
import org.junit.jupiter.api.Test;

/**
 * The demo lifecycle on PostgreSQL: recorded over HTTP as one NDJSON batch, read back, and read back
 * the same after a restart on the same schema. Needs TRACKER_TEST_PG_URL (skipped without it locally,
 * failed without it under CI).
 */
class DemoOnPostgresTest {

    @Test
    void demoRecordedOverHttpReadsTheSameAfterRestart() {
        try (PostgresSchema schema = TestDatabases.postgres();
             RunningTracker tracker = RunningTracker.start(schema.settings())) {
            Reply recorded = tracker.api().postNdjson(DemoData.ndjson());
            assertThat(recorded.status()).as("%s", recorded).isEqualTo(201);
            assertThat(recorded.json().get("accepted").asInt()).isEqualTo(DemoData.SIZE);

            Map<String, DemoReads.Stand> before = DemoReads.assertServesDemo(tracker.api());
            JsonNode processesBefore = tracker.api().processes();
            assertThat(recorded.json().get("firstOffset").asLong()).isEqualTo(before.get("process-opened").offset());
            assertThat(recorded.json().get("lastOffset").asLong())
                    .isEqualTo(before.get("arakhamia-delegation-ended").offset());

            tracker.restart();

            Map<String, DemoReads.Stand> after = DemoReads.assertServesDemo(tracker.api());
            assertThat(after).isEqualTo(before);
            assertThat(tracker.api().processes()).isEqualTo(processesBefore);

            Reply again = tracker.api().postNdjson(DemoData.ndjson());
            assertThat(again.status()).as("%s", again).isEqualTo(200);
            assertThat(again.json().get("duplicates").asInt()).isEqualTo(DemoData.SIZE);
            assertThat(tracker.api().processes()).isEqualTo(processesBefore);
        }
    }
}
