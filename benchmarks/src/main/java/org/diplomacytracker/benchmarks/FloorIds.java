package org.diplomacytracker.benchmarks;

import java.util.UUID;
import org.diplomacytracker.core.store.TimeOrderedIdentifierFactory;

/**
 * The event identifiers the floors give their events: by default the tracker's own, so that the
 * floors append the same events as the tracker stores. The floors name their ids themselves, so that
 * either kind can be chosen: Axon would otherwise take the tracker's factory from the classpath.
 */
enum FloorIds {
    /** Random (version 4) UUIDs, as Axon's default identifier factory makes them: the floors as Axon ships. */
    AXON {
        @Override
        String next() {
            return UUID.randomUUID().toString();
        }
    },
    /** The tracker's time-ordered (version 7) identifiers. */
    TRACKER {
        private final TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();

        @Override
        String next() {
            return factory.generateIdentifier();
        }
    };

    abstract String next();
}
