package org.diplomacytracker.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.testing.Problems.assertProblem;

import java.nio.file.Path;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.web.Tokens;
import org.diplomacytracker.web.testing.Api;
import org.diplomacytracker.web.testing.NewDevelopments;
import org.diplomacytracker.web.testing.Reply;
import org.diplomacytracker.web.testing.RunningTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With TRACKER_TOKENS set, an analyst's token records and reads, a reader's only reads, no token nothing. */
class AuthenticationTest {

    @TempDir
    Path data;

    private RunningTracker tracker;

    @BeforeEach
    void start() {
        tracker = RunningTracker.start(StoreSettings.embedded(data), Tokens.parse("analyst:a-token,reader:r-token"));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void withoutAValidTokenNothingIsReadOrRecorded() {
        for (Api stranger : new Api[]{tracker.api(), tracker.api("not-a-token"), tracker.api("a-token-2"), tracker.api("A-TOKEN")}) {
            Reply read = stranger.get("/api/processes");
            assertThat(read.status()).as("GET as %s", stranger).isEqualTo(401);
            assertProblem(read, 401);
            assertThat(read.header("WWW-Authenticate")).startsWith("Bearer");

            Reply write = stranger.postJson(NewDevelopments.processOpened("auth"));
            assertProblem(write, 401);
            assertThat(write.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(tracker.headOffset()).isZero();
    }

    @Test
    void readerReadsButCannotRecord() {
        Api reader = tracker.api("r-token");
        assertThat(reader.get("/api/processes").status()).isEqualTo(200);

        assertProblem(reader.postJson(NewDevelopments.processOpened("auth")), 403);
        assertProblem(reader.postNdjson(NewDevelopments.ndjson(NewDevelopments.processOpened("auth"))), 403);
        assertThat(tracker.headOffset()).isZero();
        assertThat(reader.processes().get("processes")).isEmpty();
    }

    @Test
    void analystRecordsAndReaderSeesIt() {
        Reply created = tracker.api("a-token").postJson(NewDevelopments.processOpened("auth"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        Api reader = tracker.api("r-token");
        assertThat(reader.processes().at("/processes/0/process").asText()).isEqualTo("auth");
        assertThat(reader.get("/api/processes/auth/developments/opened").status()).isEqualTo(200);
        assertThat(reader.get("/api/processes/auth/timeline").json().get("developments")).hasSize(1);
    }
}
