package org.diplomacytracker.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/** Stored timestamps read back exactly as Axon's own parser reads them. */
class StoredTimestampsTest {

    @Test
    void whatAxonWritesIsReadAsAxonReadsIt() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong() % 8_000_000_000_000L);
            if (t.isBefore(Instant.parse("0000-01-01T00:00:00Z"))) {
                continue;
            }
            String text = DateTimeUtils.formatInstant(t);
            assertThat(StoredTimestamps.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text)).isEqualTo(t);
        }
    }

    @Test
    void writtenAsAxonWritesIt() {
        Random random = new Random(6);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong() % 250_000_000_000L, random.nextInt(1_000_000_000));
            String axon = DateTimeUtils.formatInstant(t);
            String ours = org.diplomacytracker.events.IsoTime.formatMillis(t);
            if (t.isBefore(Instant.parse("0000-01-01T00:00:00Z")) || t.isAfter(Instant.parse("9999-12-31T23:59:59.999Z"))) {
                assertThat(ours).as(axon).isNull(); // left to Axon's formatter
            } else {
                assertThat(ours).as(axon).isEqualTo(axon);
            }
        }
    }

    @Test
    void writtenIsWhatTheStoreReadsBackForTheWrittenText() {
        Random random = new Random(7);
        Instant previous = null;
        for (int i = 0; i < 20_000; i++) {
            // runs of one millisecond, as a batch's timestamps come, between arbitrary instants
            Instant t = i % 3 != 0 && previous != null
                    ? previous.plusNanos(random.nextInt(1_000))
                    : Instant.ofEpochSecond(random.nextLong() % 250_000_000_000L, random.nextInt(1_000_000_000));
            previous = t;
            String text = org.diplomacytracker.events.IsoTime.formatMillis(t);
            Instant written = StoredTimestamps.written(t);
            if (text == null) {
                assertThat(written).as(t.toString()).isNull();
            } else {
                assertThat(written).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
            }
        }
        Instant a = StoredTimestamps.written(Instant.parse("2024-11-28T09:00:00.123456Z"));
        Instant b = StoredTimestamps.written(Instant.parse("2024-11-28T09:00:00.123789Z"));
        assertThat(b).isEqualTo(Instant.parse("2024-11-28T09:00:00.123Z")).isSameAs(a);
    }

    @Test
    void otherShapesAreLeftToAxonsParser() {
        for (String text : List.of("2024-11-28T09:00:00Z", "2024-11-28T09:00:00.123456Z", "2024-11-28T10:00:00.123+01:00",
                "2024-02-29T23:59:59.999Z", "2024-11-28t09:00:00.123z")) {
            assertThat(StoredTimestamps.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }
}
