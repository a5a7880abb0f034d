package org.diplomacytracker.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.web.live.LiveClient.subscribe;
import static org.diplomacytracker.web.live.Wire.EW;
import static org.diplomacytracker.web.live.Wire.NS;
import static org.diplomacytracker.web.live.Wire.commitment;
import static org.diplomacytracker.web.live.Wire.stance;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve analysts record at once into two processes, so the store commits out of offset order. Every
 * dashboard gets exactly one update per development of its view — none missed, none twice — each with
 * the offset the write was answered with, in strictly increasing order.
 */
class LiveDeliveryTest {

    private static final int WRITERS_PER_PROCESS = 6;
    private static final int EACH = 6;

    @TempDir
    Path dir;

    @Test
    void concurrentWritesReachEveryViewOnceEachInStrictlyIncreasingOffsetOrder() throws Exception {
        try (LiveServer server = LiveServer.embedded(dir)) {
            server.postBatch(Wire.opening(NS));
            server.postBatch(Wire.opening(EW));
            long nsPrelude = server.post(stance("ns-prelude", "2020-01-02", "north", "border", "open")).offset();
            long ewPrelude = server.post(stance(EW, "ew-prelude", "2020-01-02", "north", "border", "open")).offset();

            try (LiveClient a = server.connect(); LiveClient b = server.connect(); LiveClient c = server.connect()) {
                List<JsonNode> aMessages = new ArrayList<>(a.subscribeCaughtUp(subscribe(NS, null, "live"), nsPrelude));
                List<JsonNode> bMessages = new ArrayList<>(b.subscribeCaughtUp(subscribe(NS, "all", "live"), nsPrelude));
                b.send(subscribe(NS, "past", "2020-06-30"));
                bMessages.add(b.next("snapshot"));
                List<JsonNode> cMessages = new ArrayList<>(c.subscribeCaughtUp(subscribe(EW, null, "live"), ewPrelude));

                Map<String, Long> nsPosted = new ConcurrentHashMap<>();
                Map<String, Long> ewPosted = new ConcurrentHashMap<>();
                ExecutorService writers = Executors.newFixedThreadPool(2 * WRITERS_PER_PROCESS);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    for (int w = 0; w < WRITERS_PER_PROCESS; w++) {
                        done.add(writers.submit(writer(server, NS, "ns-w" + w, nsPosted)));
                        done.add(writers.submit(writer(server, EW, "ew-w" + w, ewPosted)));
                    }
                    for (Future<?> f : done) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    writers.shutdownNow();
                }
                assertThat(nsPosted).hasSize(WRITERS_PER_PROCESS * EACH);
                assertThat(ewPosted).hasSize(WRITERS_PER_PROCESS * EACH);
                // one last write to each, once all others are stored: what comes before it on a dashboard is all it gets
                LiveServer.Posted nsMarker = server.post(commitment(NS, "ns-last-may", "2020-05-31"));
                LiveServer.Posted ewMarker = server.post(commitment(EW, "ew-last-may", "2020-05-31"));
                nsPosted.put(nsMarker.id(), nsMarker.offset());
                ewPosted.put(ewMarker.id(), ewMarker.offset());
                long nsLast = nsMarker.offset();
                long ewLast = ewMarker.offset();

                aMessages.addAll(a.untilUpdate(null, nsLast));
                bMessages.addAll(b.untilUpdate("all", nsLast));
                cMessages.addAll(c.untilUpdate(null, ewLast));
                aMessages.addAll(a.fence(NS));
                bMessages.addAll(b.fence(NS));
                cMessages.addAll(c.fence(EW));

                Map<String, Long> nsBeforeJuly = new LinkedHashMap<>();
                nsPosted.forEach((id, offset) -> {
                    if (id.endsWith("-may")) {
                        nsBeforeJuly.put(id, offset);
                    }
                });
                assertDelivered("a", aMessages, null, nsPosted, nsPrelude);
                assertDelivered("b/all", bMessages, "all", nsPosted, nsPrelude);
                assertDelivered("b/past", bMessages, "past", nsBeforeJuly, nsPrelude);
                assertDelivered("c", cMessages, null, ewPosted, ewPrelude);

                new PatchedView("a").applyAll(aMessages, null).assertSameSectionsAs(server.state(NS));
                new PatchedView("b/past").applyAll(bMessages, "past")
                        .assertSameSectionsAs(server.state(NS, "asOf=2020-06-30"));
                new PatchedView("c").applyAll(cMessages, null).assertSameSectionsAs(server.state(EW));
            }
        }
    }

    /** Each writer records its commitments one by one, alternately dated in May and in August. */
    private static Runnable writer(LiveServer server, String process, String prefix, Map<String, Long> posted) {
        return () -> {
            for (int i = 0; i < EACH; i++) {
                boolean may = i % 2 == 0;
                String id = prefix + "-" + i + (may ? "-may" : "-aug");
                LiveServer.Posted p = server.post(commitment(process, id, may ? "2020-05-1" + i : "2020-08-1" + i));
                posted.put(p.id(), p.offset());
            }
        };
    }

    /**
     * After the snapshot (and the updates that caught it up to {@code from}), the subscription's updates
     * are exactly the expected developments, each once, with the offset its write was answered with, in
     * strictly increasing order; nothing else arrived about it.
     */
    private static void assertDelivered(String name, List<JsonNode> messages, String id, Map<String, Long> expected,
                                         long from) {
        Map<String, Long> got = new LinkedHashMap<>();
        long previous = -1;
        for (JsonNode m : messages) {
            if (id == null ? m.has("id") : !id.equals(m.path("id").asText(null))) {
                continue;
            }
            String type = m.get("type").asText();
            if (type.equals("snapshot")) {
                continue;
            }
            assertThat(type).as("%s: %s", name, m).isEqualTo("update");
            long offset = m.get("offset").asLong();
            assertThat(offset).as("%s: offsets strictly increase", name).isGreaterThan(previous);
            previous = offset;
            if (offset <= from) {
                continue; // catching the snapshot up to the prelude
            }
            String development = m.get("development").get("id").asText();
            assertThat(got.put(development, offset)).as("%s: %s delivered twice", name, development).isNull();
        }
        assertThat(got).as("%s: one update per development, with its offset", name)
                .containsExactlyInAnyOrderEntriesOf(expected);
    }
}
