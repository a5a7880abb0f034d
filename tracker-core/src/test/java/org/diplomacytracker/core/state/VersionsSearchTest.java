package org.diplomacytracker.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VersionsSearchTest {

    /** What the search must answer: how many of the days are on or before {@code asOfDay}. */
    private static int naive(int[] days, int n, long asOfDay) {
        int count = 0;
        while (count < n && days[count] <= asOfDay) {
            count++;
        }
        return count;
    }

    @Test
    void findsThePlaceAfterTheLastDayOnOrBeforeTheDateForEvenAndBunchedDates() {
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 3_000; t++) {
            int n = random.nextInt(0, 300);
            int[] days = new int[n + random.nextInt(3)]; // room past n, as a key's arrays keep
            int base = random.nextInt(-40_000, 40_000);
            int shape = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                days[i] = switch (shape) {
                    case 0 -> base + random.nextInt(0, 2_000); // spread evenly
                    // bunched, with a far tail
                    case 1 -> base + (random.nextInt(10) == 0 ? random.nextInt(0, 50_000) : random.nextInt(0, 20));
                    case 2 -> base + random.nextInt(0, 3); // many on the same days
                    default -> base + random.nextInt(0, 200) * random.nextInt(0, 200); // thinning out
                };
            }
            Arrays.sort(days, 0, n);
            for (int q = 0; q < 40; q++) {
                long asOf = switch (random.nextInt(4)) {
                    case 0 -> n == 0 ? base : days[random.nextInt(n)]; // exactly a version's day
                    case 1 -> base + random.nextInt(-10, 60_000);
                    case 2 -> Versions.NO_LIMIT;
                    default -> Long.MIN_VALUE / 2;
                };
                assertThat(Versions.end(days, n, asOf)).as("n=%d shape=%d asOf=%d", n, shape, asOf)
                        .isEqualTo(naive(days, n, asOf));
            }
        }
    }
}
