package org.diplomacytracker.core.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private record Item(LocalDate occurredOn, long offset) implements Catalogue.TimelineKey {
    }

    private static final LocalDate BASE = LocalDate.of(2022, 2, 24);

    @Test
    void ordersByDateThenOffsetAndPagesFromAnyKeyAsASortedSetDoes() {
        SplittableRandom random = new SplittableRandom(11);
        Timeline<Item> timeline = new Timeline<>();
        NavigableSet<Catalogue.TimelineKey> expected = new TreeSet<>(Catalogue.TimelineKey.ORDER);
        long offset = 0;
        List<Long> late = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // offsets mostly arrive in order; some are held back and arrive later (a gap filled)
            offset++;
            if (random.nextInt(20) == 0) {
                late.add(offset);
                continue;
            }
            long at = !late.isEmpty() && random.nextInt(3) == 0 ? late.remove(0) : offset;
            Item item = new Item(BASE.plusDays(random.nextInt(400)), at);
            timeline.add(item);
            expected.add(item);
        }
        assertThat(timeline.size()).isEqualTo(expected.size());
        assertThat(timeline.firstDate()).isEqualTo(expected.first().occurredOn());
        assertThat(timeline.lastDate()).isEqualTo(expected.last().occurredOn());
        assertThat(list(timeline.from(null, null))).containsExactlyElementsOf(expected);
        List<Catalogue.TimelineKey> all = new ArrayList<>(expected);
        for (int q = 0; q < 1_000; q++) {
            // a cursor (an entry held), a date's start, or a key that falls between entries
            Catalogue.TimelineKey start = switch (random.nextInt(3)) {
                case 0 -> all.get(random.nextInt(all.size()));
                case 1 -> new Item(BASE.plusDays(random.nextInt(-5, 410)), Long.MIN_VALUE);
                default -> new Item(BASE.plusDays(random.nextInt(-5, 410)), random.nextLong(0, offset + 2));
            };
            LocalDate to = random.nextBoolean() ? null : BASE.plusDays(random.nextInt(-5, 410));
            NavigableSet<Catalogue.TimelineKey> want = expected.tailSet(start, false);
            if (to != null) {
                want = to.isBefore(start.occurredOn()) ? new TreeSet<>()
                        : want.headSet(new Item(to, Long.MAX_VALUE), true);
            }
            assertThat(list(timeline.from(start, to))).as("from %s to %s", start, to).containsExactlyElementsOf(want);
        }
    }

    @Test
    void anEmptyTimelineHasNoDatesAndNothingToGive() {
        Timeline<Item> timeline = new Timeline<>();
        assertThat(timeline.isEmpty()).isTrue();
        assertThat(timeline.firstDate()).isNull();
        assertThat(timeline.from(null, BASE).hasNext()).isFalse();
    }

    private static List<Catalogue.TimelineKey> list(Iterator<Item> it) {
        List<Catalogue.TimelineKey> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
