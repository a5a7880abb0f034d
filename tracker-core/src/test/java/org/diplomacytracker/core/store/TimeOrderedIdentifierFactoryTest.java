package org.diplomacytracker.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

/** The event identifiers: version 7 UUIDs, increasing, unique, and the ones Axon uses. */
class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonFindsTheFactoryThroughItsServiceLoader() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        assertThat(UUID.fromString(IdentifierFactory.getInstance().generateIdentifier()).version()).isEqualTo(7);
    }

    @Test
    void identifiersAreVersion7UuidsWithTheCurrentTimeFirst() {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();
        long before = System.currentTimeMillis();
        String id = factory.generateIdentifier();
        long after = System.currentTimeMillis();

        UUID uuid = UUID.fromString(id);
        assertThat(id).hasSize(36).isEqualTo(uuid.toString()); // canonical lower-case form
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2); // RFC 9562
        long millis = uuid.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after);
    }

    @Test
    void moreThanACounterFullWithinOneMillisecondStillIncreasesAndNeverRepeats() {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) { // far more than 4,096 per millisecond
            ids.add(factory.generateIdentifier());
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        for (int i = 1; i < ids.size(); i++) {
            UUID previous = UUID.fromString(ids.get(i - 1));
            UUID current = UUID.fromString(ids.get(i));
            assertThat(Long.compareUnsigned(previous.getMostSignificantBits(), current.getMostSignificantBits()))
                    .as("the time and counter part increases on its own: %s then %s", previous, current)
                    .isNegative();
        }
    }

    @Test
    void twoFactoriesAtTheSameMomentDoNotCollide() throws Exception {
        // two nodes sharing a store: same milliseconds, same counters, told apart by the random part
        TimeOrderedIdentifierFactory a = new TimeOrderedIdentifierFactory();
        TimeOrderedIdentifierFactory b = new TimeOrderedIdentifierFactory();
        ConcurrentLinkedQueue<String> all = new ConcurrentLinkedQueue<>();
        Thread ta = new Thread(() -> { for (int i = 0; i < 20_000; i++) { all.add(a.generateIdentifier()); } });
        Thread tb = new Thread(() -> { for (int i = 0; i < 20_000; i++) { all.add(b.generateIdentifier()); } });
        ta.start();
        tb.start();
        ta.join();
        tb.join();
        Set<String> distinct = new HashSet<>(all);
        assertThat(distinct).hasSize(40_000);
    }

    @Test
    void theTextSortsAsTheNumbersDo() {
        assertThat(TimeOrderedIdentifierFactory.format(0x0123_4567_89ab_7cdeL, 0x8f01_2345_6789_abcdL))
                .isEqualTo("01234567-89ab-7cde-8f01-23456789abcd");
        assertThat(TimeOrderedIdentifierFactory.format(0x0000_0000_0001_7000L, 0x8000_0000_0000_0000L))
                .isLessThan(TimeOrderedIdentifierFactory.format(0x0000_0000_0002_7000L, 0x8000_0000_0000_0000L));
    }
}
