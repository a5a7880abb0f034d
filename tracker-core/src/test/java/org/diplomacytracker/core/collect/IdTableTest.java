package org.diplomacytracker.core.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdTableTest {

    private record Item(String id, int n) {
    }

    @Test
    void findsWhatWasAddedAndKeepsTheFirstOfAnId() {
        IdTable<Item> table = new IdTable<>(Item::id);
        assertThat(table.get("a")).isNull();
        assertThat(table.putIfAbsent(new Item("a", 1))).isNull();
        assertThat(table.putIfAbsent(new Item("a", 2))).as("the one held").isEqualTo(new Item("a", 1));
        assertThat(table.get("a")).isEqualTo(new Item("a", 1));
        assertThat(table.contains("a")).isTrue();
        assertThat(table.contains("b")).isFalse();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void answersAsAHashMapDoesThroughManyGrowths() {
        IdTable<Item> table = new IdTable<>(Item::id);
        Map<String, Item> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            // sequential ids, as analysts and generators write them, and random ones, some repeated
            String id = random.nextInt(4) == 0 ? "r-" + random.nextInt(50_000) : "d-" + i;
            Item item = new Item(id, i);
            assertThat(table.putIfAbsent(item)).isEqualTo(expected.putIfAbsent(id, item));
        }
        assertThat(table.size()).isEqualTo(expected.size());
        expected.forEach((id, item) -> assertThat(table.get(id)).isSameAs(item));
        for (int i = 0; i < 10_000; i++) {
            assertThat(table.get("absent-" + i)).isNull();
        }
    }

    @Test
    void tellsApartIdsWhoseHashesAreEqual() {
        // "Aa" and "BB" have the same String hash, so every id built from them by repetition collides
        IdTable<Item> table = new IdTable<>(Item::id);
        String[] ids = {"AaAaAa", "AaAaBB", "AaBBAa", "AaBBBB", "BBAaAa", "BBAaBB", "BBBBAa", "BBBBBB"};
        for (int i = 0; i < ids.length; i++) {
            assertThat(ids[i].hashCode()).isEqualTo(ids[0].hashCode());
            assertThat(table.putIfAbsent(new Item(ids[i], i))).isNull();
        }
        for (int i = 0; i < ids.length; i++) {
            assertThat(table.get(ids[i])).isEqualTo(new Item(ids[i], i));
            assertThat(table.putIfAbsent(new Item(ids[i], -1))).isEqualTo(new Item(ids[i], i));
        }
        assertThat(table.get("AaAaAaAa")).isNull();
        assertThat(table.size()).isEqualTo(ids.length);
    }
}
