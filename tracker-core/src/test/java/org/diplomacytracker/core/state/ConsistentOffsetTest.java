package org.diplomacytracker.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomacytracker.core.testing.Developments.dev;
import static org.diplomacytracker.core.testing.Developments.opening;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.process.Recording;
import org.diplomacytracker.core.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With writers committing concurrently into several processes (so that transactions commit out of
 * offset order), every state read while they run reflects exactly the events up to its offset: each
 * commitment recorded at or below the offset is there, none above it.
 */
class ConsistentOffsetTest {

    @TempDir
    Path dir;

    private record Sample(String process, long offset, int commitments) {
    }

    @Test
    void everyStateReflectsExactlyTheEventsUpToItsOffset() throws Exception {
        List<String> processes = List.of("p1", "p2", "p3", "p4");
        try (Tracker tracker = Tracker.start(TrackerOptions.defaults(StoreSettings.embedded(dir)))) {
            for (String p : processes) {
                tracker.record(opening(p)).join();
            }
            Map<String, Long> commitmentOffsets = new ConcurrentHashMap<>();
            List<Sample> samples = new CopyOnWriteArrayList<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                Future<?> reader = pool.submit(() -> {
                    while (writing.get()) {
                        for (String p : processes) {
                            NegotiationState s = tracker.state().state(p, null, null).orElseThrow();
                            samples.add(new Sample(p, s.offset(), s.commitments().size()));
                        }
                    }
                });
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    String p = processes.get(w);
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < 60; i++) {
                            Recording r = tracker.recordNow(List.of(dev(p, p + "-c" + i, "CommitmentMade", "2020-03-01",
                                    "\"actor\":\"north\",\"kind\":\"financial\",\"amount\":" + i)));
                            commitmentOffsets.put(p + "-c" + i, r.outcomes().get(0).offset());
                        }
                    }));
                }
                for (Future<?> f : writers) {
                    f.get(60, TimeUnit.SECONDS);
                }
                writing.set(false);
                reader.get(10, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertThat(samples).hasSizeGreaterThan(20);
            for (Sample s : samples) {
                long expected = commitmentOffsets.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(s.process() + "-") && e.getValue() <= s.offset())
                        .count();
                assertThat(s.commitments()).as("commitments of %s in a state at offset %d", s.process(), s.offset())
                        .isEqualTo((int) expected);
            }
        }
    }
}
