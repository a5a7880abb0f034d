package org.diplomacytracker.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.diplomacytracker.web.testing.DemoData;
import org.diplomacytracker.web.testing.DemoReads;
import org.diplomacytracker.web.testing.Reply;
import org.diplomacytracker.web.testing.TrackerJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The narrated lifecycle, with the packaged jar as a user runs it: {@code serve --demo} on an empty
 * folder, read the demo back, stop it with SIGTERM, serve the same folder again without
 * {@code --demo}: the same 100 developments at the same offsets and recorded times.
 */
class DemoLifecycleIT {

    @TempDir
    Path data;

    @Test
    void demoServedFromAnEmptyFolderSurvivesARestartUnchanged() {
        Map<String, DemoReads.Stand> first;
        try (TrackerJar.Server server = TrackerJar.serve("--data", data.toString(), "--demo")) {
            first = DemoReads.assertServesDemo(server.api());
            assertThat(first.get("kellogg-envoy").offset()).isPositive();
            assertStoppedCleanly(server);
        }

        try (TrackerJar.Server server = TrackerJar.serve("--data", data.toString())) {
            Map<String, DemoReads.Stand> second = DemoReads.assertServesDemo(server.api());
            assertThat(second).as("offsets and recorded times after the restart").isEqualTo(first);

            // recording the demo again over HTTP changes nothing either
            Reply again = server.api().postNdjson(DemoData.ndjson());
            assertThat(again.status()).as("%s", again).isEqualTo(200);
            assertThat(again.json().get("duplicates").asInt()).isEqualTo(DemoData.SIZE);
            assertStoppedCleanly(server);
        }
    }

    /** SIGTERM ends the process promptly, the way a JVM ends on it, with no stack trace on the way out. */
    private static void assertStoppedCleanly(TrackerJar.Server server) {
        int exit = server.stop();
        assertThat(exit).as("exit code after SIGTERM; stderr:%n%s", server.stderr()).isIn(0, 143);
        assertThat(server.stderr()).as("stderr").doesNotContain("\tat ").doesNotContain(" ERROR ");
    }
}
