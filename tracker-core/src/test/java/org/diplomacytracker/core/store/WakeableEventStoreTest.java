package org.diplomacytracker.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/** Shutdown can wait for the store's threads, so that the database is not closed under its reader. */
class WakeableEventStoreTest {

    private static Set<Thread> readers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("EmbeddedEventStore-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void theReaderHasStoppedWhenAwaitStoppedSaysSo() throws Exception {
        Set<Thread> others = readers();
        WakeableEventStore store = new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine()));
        TrackingEventStream stream = store.openStream(null);
        // an empty store: the stream has read everything and tails the store, which starts the reader
        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
        Set<Thread> mine = readers();
        mine.removeAll(others);
        // the reader, and the store's cleaner, which Axon makes with the same thread factory
        assertThat(mine).as("a tailing stream starts the reader").isNotEmpty();

        stream.close();
        store.shutDown();
        assertThat(store.awaitStopped(10_000)).isTrue();
        assertThat(mine).noneMatch(Thread::isAlive);
    }
}
