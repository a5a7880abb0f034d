package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server pings every connection; one that answers nothing — no message, no pong — for longer
 * than the idle timeout (2 s here, pinged every second) is closed as idle, while a quiet client that
 * answers the pings, as a browser does, stays connected.
 */
class LiveKeepaliveTest {

    private static final Duration IDLE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aClientThatAnswersNeitherMessagesNorPingsIsClosedAfterTheIdleTimeoutAndAQuietBrowserIsNot()
            throws IOException {
        LiveOptions live = LiveOptions.defaults().withIdleTimeout(IDLE, Duration.ofSeconds(1));
        try (LiveServer server = LiveServer.embedded(dir, live);
             LiveClient browser = server.connect();
             RawWebSocket silent = RawWebSocket.connect(server.port())) {
            long connected = System.nanoTime();
            RawWebSocket.UntilClose until = silent.readUntilClose(Duration.ofSeconds(10));
            Duration after = Duration.ofNanos(System.nanoTime() - connected);

            assertThat(until.close()).as("a close frame, not a dropped connection").isNotNull();
            assertThat(until.close().closeCode()).isEqualTo(1001);
            assertThat(until.close().closeReason()).contains("idle");
            assertThat(until.pings()).as("the server pinged before giving up").isGreaterThanOrEqualTo(1);
            assertThat(after).as("not before the idle timeout").isGreaterThanOrEqualTo(IDLE);
            assertThat(after).as("soon after it").isLessThan(IDLE.plusSeconds(4));

            // the browser has been as quiet, but answered every ping
            assertThat(browser.isClosed()).isFalse();
            browser.send("{\"op\":\"ping\"}");
            browser.next("pong");
        }
    }
}
