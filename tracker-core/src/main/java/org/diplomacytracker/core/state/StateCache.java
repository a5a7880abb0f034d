package org.diplomacytracker.core.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The states last computed for one process, by (asOf, cut). The entries of a state depend only on
 * the process's events and the cut (known at, up to an offset), so a state cached for a cut is the
 * answer for that same cut until the process's next event is applied, which {@link #clear}s this
 * (under the index's write lock). A hit is re-issued with the caller's knownAt and offset. The cut's
 * offset is part of the key: a state is never served for another offset than the one asked.
 *
 * <p>"Latest, now" (asOf = null, knownAt = null) — what live dashboards and the REST default ask — has
 * its own place; other answers share a small LRU. Readers run concurrently under the read lock, so
 * access is synchronized.
 */
final class StateCache {

    /** Past-date or past-knownAt answers kept per process. */
    static final int BOUND = 6;

    private record Key(LocalDate asOf, Cut cut) {
    }

    private Key latestKey;
    private NegotiationState latest;
    private final Map<Key, NegotiationState> others = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, NegotiationState> eldest) {
            return size() > BOUND;
        }
    };
    private long hits;

    private static boolean isLatest(LocalDate asOf, Cut cut) {
        return asOf == null && cut.knownAt().equals(Instant.MAX);
    }

    /** The cached state for (asOf, cut), or null. */
    synchronized NegotiationState get(LocalDate asOf, Cut cut) {
        Key key = new Key(asOf, cut);
        NegotiationState s = isLatest(asOf, cut) ? (key.equals(latestKey) ? latest : null) : others.get(key);
        if (s != null) {
            hits++;
        }
        return s;
    }

    synchronized void put(LocalDate asOf, Cut cut, NegotiationState state) {
        Key key = new Key(asOf, cut);
        if (isLatest(asOf, cut)) {
            if (latestKey == null || cut.maxOffset() >= latestKey.cut().maxOffset()) {
                latestKey = key;
                latest = state;
            }
        } else {
            others.put(key, state);
        }
    }

    synchronized void clear() {
        latestKey = null;
        latest = null;
        others.clear();
    }

    /** Hits so far (for tests). */
    synchronized long hits() {
        return hits;
    }
}
