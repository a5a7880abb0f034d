package org.diplomacytracker.core.state;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every version ever recorded for one key of one section (an actor's stance on an issue, an area's
 * controller…), in valid-time order. A query finds the last version dated on or before its date by
 * binary search and walks back to the first that counts under its cut: O(log n) for the usual key.
 * Nothing here visits the versions before the one that decides.
 */
final class Versions {

    private final List<Incarnation> list = new ArrayList<>(2);

    void add(Incarnation incarnation) {
        int n = list.size();
        if (n == 0 || list.get(n - 1).compareTo(incarnation) <= 0) {
            list.add(incarnation); // the common case: recorded in date order
            return;
        }
        int at = Collections.binarySearch(list, incarnation);
        list.add(at < 0 ? -at - 1 : at, incarnation);
    }

    int size() {
        return list.size();
    }

    Incarnation get(int i) {
        return list.get(i);
    }

    /** The index just past the last version dated on or before {@code asOf} (all when null). */
    int end(LocalDate asOf) {
        if (asOf == null) {
            return list.size();
        }
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).occurredOn().isAfter(asOf)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The latest version that counts under the cut and is dated on or before {@code asOf}, or null. */
    Incarnation latest(LocalDate asOf, Cut cut) {
        for (int i = end(asOf) - 1; i >= 0; i--) {
            Incarnation v = list.get(i);
            if (v.counts(cut)) {
                return v;
            }
        }
        return null;
    }

    /**
     * The latest version that counts under the cut and sorts strictly before {@code bound} (in
     * valid-time order, as {@link Incarnation#compareTo}), or null: binary search, then walk back.
     */
    Incarnation latestBefore(Incarnation bound, Cut cut) {
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).compareTo(bound) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo - 1; i >= 0; i--) {
            Incarnation v = list.get(i);
            if (v.counts(cut)) {
                return v;
            }
        }
        return null;
    }

    /** Every version, oldest first, whatever the cut. */
    List<Incarnation> all() {
        return Collections.unmodifiableList(list);
    }
}
