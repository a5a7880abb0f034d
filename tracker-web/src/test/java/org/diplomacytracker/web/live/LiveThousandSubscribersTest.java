package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.live.LiveClient.subscribe;
import static org.diplomacytracker.web.live.Wire.NS;
import static org.diplomacytracker.web.live.Wire.stance;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A thousand dashboards on one view, each on its own connection, all get the update of one development. */
class LiveThousandSubscribersTest {

    private static final int SUBSCRIBERS = 1_000;

    @TempDir
    Path dir;

    @Test
    void aThousandSubscribersAllReceiveTheUpdateOfOneDevelopment() {
        try (LiveServer server = LiveServer.embedded(dir)) {
            server.postBatch(Wire.opening(NS));
            long prelude = server.post(stance("prelude", "2020-01-02", "north", "border", "open")).offset();
            try (LiveClient first = server.connect()) {
                first.subscribeCaughtUp(subscribe(NS, null, "live"), prelude);
            }

            List<Future<LiveClient>> opening = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                opening.add(server.open(server.upgrade()));
            }
            List<LiveClient> clients = new ArrayList<>();
            try {
                for (Future<LiveClient> f : opening) {
                    clients.add(LiveServer.await(f));
                }
                String request = subscribe(NS, null, "live").toString();
                clients.forEach(c -> c.send(request));
                for (LiveClient c : clients) {
                    JsonNode snapshot = c.next("snapshot");
                    assertThat(snapshot.get("offset").asLong()).isGreaterThanOrEqualTo(prelude);
                }

                long posted = System.nanoTime();
                long offset = server.post(stance("for-everyone", "2020-03-01", "south", "border", "supports")).offset();
                List<Long> delaysMs = new ArrayList<>();
                for (LiveClient c : clients) {
                    LiveClient.Received r = c.nextReceived(Duration.ofSeconds(20));
                    assertThat(r.message().get("type").asText()).isEqualTo("update");
                    assertThat(r.message().get("offset").asLong()).isEqualTo(offset);
                    assertThat(r.message().get("development").get("id").asText()).isEqualTo("for-everyone");
                    delaysMs.add((r.nanos() - posted) / 1_000_000);
                }
                Collections.sort(delaysMs);
                System.out.printf("1,000 subscribers: update delay from the POST, median %d ms, p99 %d ms, max %d ms%n",
                        delaysMs.get(SUBSCRIBERS / 2), delaysMs.get(SUBSCRIBERS * 99 / 100), delaysMs.get(SUBSCRIBERS - 1));
                assertThat(clients).allSatisfy(c -> assertThat(c.nothingPending()).as("exactly one update").isTrue());
            } finally {
                clients.forEach(LiveClient::close);
            }
        }
    }
}
