package org.diplomacytracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct ISO readers and writers give exactly what the JDK's give, errors included. */
class IsoTimeTest {

    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    @Test
    void instantsAreWrittenAndReadAsTheJdkDoes() {
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            long second = random.nextLong() % 400_000_000_000L;
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(second, nano);
            String jdk = t.toString();
            assertThat(IsoTime.format(t)).as(jdk).isEqualTo(jdk);
            if (!t.isBefore(FIRST) && !t.isAfter(LAST)) {
                assertThat(IsoTime.fastInstant(jdk)).as(jdk).isEqualTo(t);
            }
            assertThat(IsoTime.parseInstant(jdk)).as(jdk).isEqualTo(Instant.parse(jdk));
        }
    }

    @Test
    void datesAreReadAsTheJdkDoes() {
        Random random = new Random(12);
        for (int i = 0; i < 50_000; i++) {
            LocalDate d = LocalDate.ofEpochDay(random.nextLong() % 3_000_000L);
            assertThat(IsoTime.parseDate(d.toString())).isEqualTo(d);
        }
    }

    @Test
    void everyDayOfTheSharedYearsIsTheJdksDateAndOneSharedValue() {
        for (LocalDate d = LocalDate.of(1899, 12, 1); d.isBefore(LocalDate.of(2101, 2, 1)); d = d.plusDays(1)) {
            LocalDate first = IsoTime.parseDate(d.toString());
            assertThat(first).isEqualTo(d);
            boolean shared = d.getYear() >= 1900 && d.getYear() <= 2100;
            assertThat(IsoTime.parseDate(d.toString()) == first).as(d.toString()).isEqualTo(shared);
        }
        // impossible days stay refused once their neighbours are shared
        for (String text : List.of("2024-02-30", "2023-02-29", "2024-04-31", "2100-02-29", "1900-02-29")) {
            assertSameOutcome(() -> IsoTime.parseDate(text), () -> LocalDate.parse(text), text);
        }
        assertThat(IsoTime.parseDate("2000-02-29")).isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @Test
    void otherShapesAndImpossibleValuesAreTheJdksToAnswer() {
        for (String text : List.of("2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-11-27",
                "+2024-11-27", "2024/11/27", "2024-11-27T00:00", " 2024-11-27", "2024-11-2x", "")) {
            assertSameOutcome(() -> IsoTime.parseDate(text), () -> LocalDate.parse(text), text);
        }
        for (String text : List.of("2024-11-28T09:00:00Z", "2024-11-28T09:00:00.5Z", "2024-11-28T09:00:00.123456789Z",
                "2024-11-28T09:00:00.1234567890Z", "2024-11-28T09:00:00.Z", "2024-11-28T24:00:00Z",
                "2016-12-31T23:59:60Z", "2024-11-28T09:60:00Z", "2024-02-30T09:00:00Z", "2024-11-28t09:00:00z",
                "2024-11-28T10:00:00+01:00", "2024-11-28 09:00:00Z", "2024-11-28T09:00Z", "+12024-11-28T09:00:00Z",
                "2024-11-28T09:00:00.12x4Z", "2024-11-28")) {
            assertSameOutcome(() -> IsoTime.parseInstant(text), () -> Instant.parse(text), text);
        }
    }

    private static void assertSameOutcome(java.util.function.Supplier<Object> ours,
                                          java.util.function.Supplier<Object> jdk, String text) {
        Object expected;
        try {
            expected = jdk.get();
        } catch (DateTimeException e) {
            assertThatThrownBy(ours::get).as(text).isInstanceOf(DateTimeParseException.class)
                    .hasMessage(e.getMessage());
            return;
        }
        assertThat(ours.get()).as(text).isEqualTo(expected);
    }
}
