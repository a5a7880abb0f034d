package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.live.LiveClient.subscribe;
import static org.diplomacytracker.web.live.Wire.NS;
import static org.diplomacytracker.web.live.Wire.stance;

import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Path;
import java.util.List;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.web.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may open a live connection: pages of the server's own origin (or of an allow-listed one) and
 * clients that send no Origin, never a foreign page; with tokens configured, only holders of a valid
 * token — given as {@code ?access_token=}, since a browser cannot set headers on a websocket, or as a
 * bearer header.
 */
class LiveAccessTest {

    @TempDir
    Path dir;

    /** The upgrade as a page of {@code origin} would send it (null: no Origin header at all). */
    private static WebSocketConnectOptions withOrigin(WebSocketConnectOptions options, String origin) {
        // Vert.x drops every Origin header, even one added by hand, unless origin headers are allowed
        options.setAllowOriginHeader(origin != null);
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        return options;
    }

    private static void subscribes(LiveServer server, WebSocketConnectOptions options) {
        try (LiveClient client = server.connect(options)) {
            client.send(subscribe(NS, "ok", "live"));
            assertThat(client.next("snapshot").get("process").asText()).isEqualTo(NS);
        }
    }

    @Test
    void withoutAnAllowListOnlyTheServersOwnOriginAndOriginlessClientsMayConnect() {
        try (LiveServer server = LiveServer.embedded(dir)) {
            server.postBatch(Wire.opening(NS));
            assertThat(server.refusedUpgrade(withOrigin(server.upgrade(), "https://evil.example"))).isEqualTo(403);
            assertThat(server.refusedUpgrade(withOrigin(server.upgrade(), "http://127.0.0.1:" + (server.port() + 1))))
                    .as("another port is another origin").isEqualTo(403);
            subscribes(server, withOrigin(server.upgrade(), "http://127.0.0.1:" + server.port()));
            subscribes(server, withOrigin(server.upgrade(), null));
        }
    }

    @Test
    void anAllowListedOriginMayConnectAndAForeignOneMayNot() {
        LiveOptions live = LiveOptions.defaults().withAllowedOrigins(List.of("https://dashboard.example"));
        try (LiveServer server = LiveServer.start(TrackerOptions.defaults(StoreSettings.embedded(dir)),
                Tokens.none(), null, live)) {
            server.postBatch(Wire.opening(NS));
            subscribes(server, withOrigin(server.upgrade(), "https://dashboard.example"));
            assertThat(server.refusedUpgrade(withOrigin(server.upgrade(), "https://evil.example"))).isEqualTo(403);
            subscribes(server, withOrigin(server.upgrade(), null));
        }
    }

    @Test
    void withTokensAnUpgradeNeedsAValidTokenAndAReaderFollowsWhatAnAnalystRecords() {
        try (LiveServer server = LiveServer.start(TrackerOptions.defaults(StoreSettings.embedded(dir)),
                Tokens.parse("analyst:a,reader:r"), "a", LiveOptions.defaults())) {
            server.postBatch(Wire.opening(NS));
            assertThat(server.refusedUpgrade(server.upgrade())).as("no token").isEqualTo(401);
            assertThat(server.refusedUpgrade(server.upgrade("/api/live?access_token=wrong"))).as("a wrong token")
                    .isEqualTo(401);
            subscribes(server, server.upgrade().addHeader("Authorization", "Bearer r"));

            try (LiveClient reader = server.connect(server.upgrade("/api/live?access_token=r"))) {
                reader.send(subscribe(NS, null, "live"));
                reader.next("snapshot");
                long offset = server.post(stance("recorded-by-analyst", "2020-03-01", "north", "border", "open")).offset();
                reader.untilUpdate(null, offset);
            }
        }
    }
}
