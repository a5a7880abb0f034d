package org.diplomacytracker.core.catalogue;

import java.time.LocalDate;
import java.util.Set;
import org.diplomacytracker.events.DevelopmentType;

/**
 * Which developments of a process to list, in valid-time order: dated {@code from}..{@code to}
 * (inclusive, either open), of the given types (all when empty), mentioning an actor (any when
 * null), after a cursor from an earlier page, at most {@code limit}.
 */
public record TimelineQuery(LocalDate from, LocalDate to, Set<DevelopmentType> types, String actor,
                            TimelineCursor after, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public TimelineQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
