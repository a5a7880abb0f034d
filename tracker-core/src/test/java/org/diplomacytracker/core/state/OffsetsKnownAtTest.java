package org.diplomacytracker.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The primitive-array map from recordedAt to the running maximum offset, against a TreeMap reference. */
class OffsetsKnownAtTest {

    private static final Instant T0 = Instant.parse("2024-12-01T08:00:00Z");

    /** The reference: the TreeMap the index used before. */
    private static final class Reference {
        final TreeMap<Instant, Long> map = new TreeMap<>();

        void add(long offset, Instant recordedAt) {
            Map.Entry<Instant, Long> floor = map.floorEntry(recordedAt);
            long max = Math.max(offset, floor == null ? 0 : floor.getValue());
            map.put(recordedAt, max);
            for (Map.Entry<Instant, Long> later : map.tailMap(recordedAt, false).entrySet()) {
                if (later.getValue() >= max) {
                    break;
                }
                later.setValue(max);
            }
        }

        long at(Instant knownAt) {
            Map.Entry<Instant, Long> floor = map.floorEntry(knownAt);
            return floor == null ? 0 : floor.getValue();
        }
    }

    @Test
    void monotoneOutOfOrderAndEqualInstantsAgreeWithTheReference() {
        for (long seed = 0; seed < 200; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            OffsetsKnownAt arrays = new OffsetsKnownAt();
            Reference reference = new Reference();
            Instant at = T0;
            long offset = 0;
            int n = 1 + r.nextInt(300);
            for (int i = 0; i < n; i++) {
                offset += 1 + r.nextInt(3);
                Instant recordedAt;
                int how = r.nextInt(10);
                if (how < 6) {
                    at = at.plusNanos(1 + r.nextInt(5_000_000));
                    recordedAt = at;
                } else if (how < 8) {
                    recordedAt = at; // the same instant again
                } else {
                    recordedAt = at.minusNanos(r.nextInt(20_000_000)); // earlier than the latest
                }
                long o = r.nextInt(10) == 0 ? offset - r.nextInt((int) Math.min(offset, 5)) : offset;
                arrays.add(o, recordedAt);
                reference.add(o, recordedAt);
            }
            assertThat(arrays.size()).isEqualTo(reference.map.size());
            for (int q = 0; q < 200; q++) {
                Instant knownAt = T0.plusNanos(r.nextLong(at.getEpochSecond() * 1_000_000_000L + at.getNano()
                        - T0.getEpochSecond() * 1_000_000_000L + 2) - 20_000_000);
                assertThat(arrays.at(knownAt)).as("seed %d, knownAt %s", seed, knownAt)
                        .isEqualTo(reference.at(knownAt));
            }
            for (Instant key : reference.map.keySet()) {
                assertThat(arrays.at(key)).isEqualTo(reference.at(key));
                assertThat(arrays.at(key.minusNanos(1))).isEqualTo(reference.at(key.minusNanos(1)));
            }
        }
    }

    @Test
    void farInstantsAndEmpty() {
        OffsetsKnownAt arrays = new OffsetsKnownAt();
        assertThat(arrays.at(Instant.MAX)).isZero();
        arrays.add(5, T0);
        arrays.add(3, T0.minusSeconds(1));
        assertThat(arrays.at(Instant.MIN)).isZero();
        assertThat(arrays.at(T0.minusSeconds(1))).isEqualTo(3);
        assertThat(arrays.at(T0)).isEqualTo(5);
        assertThat(arrays.at(Instant.MAX)).isEqualTo(5);
        arrays.add(9, T0.minusSeconds(2));
        assertThat(arrays.at(T0.minusSeconds(1))).isEqualTo(9);
        assertThat(arrays.at(T0)).isEqualTo(9);
    }
}
