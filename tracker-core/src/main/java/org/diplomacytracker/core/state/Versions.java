package org.diplomacytracker.core.state;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every version ever recorded for one key of one section (an actor's stance on an issue, an area's
 * controller…), in valid-time order. A query finds the last version dated on or before its date by
 * binary search and walks back to the first that counts under its cut: O(log n) for the usual key.
 * Nothing here visits the versions before the one that decides.
 *
 * <p>What a state reads of each version is kept in arrays beside the versions, so that a question
 * at a long history reads a few arrays per key instead of following several objects the CPU has not
 * cached: the dates as epoch days (the binary search), each version's offset and recorded time
 * (whether it counts under a cut, for a version no retraction or correction touches), and the
 * entry it shows, built once when indexed, for the sections that prebuild them.
 */
final class Versions {

    /** The two parts of a compound key (actor and issue, proposal and actor), or null. */
    final String first;
    final String second;
    private Incarnation[] items = new Incarnation[2];
    private int[] days = new int[2];
    /**
     * Per version two longs: its slot's offset, or {@link #TOUCHED} when a retraction or correction
     * decides whether it counts (or it is a correction's replacement); then its slot's recorded
     * time in nanoseconds since the epoch.
     */
    private long[] times = new long[4];
    /** The entry each version shows, for the sections that prebuild them; null otherwise. */
    private Object[] entries;
    private int size;

    /** Marks a version whose standing only its slot's retractions and corrections tell. */
    private static final long TOUCHED = Long.MIN_VALUE;

    Versions() {
        this(null, null);
    }

    Versions(String first, String second) {
        this.first = first;
        this.second = second;
    }

    void add(Incarnation incarnation) {
        add(incarnation, null);
    }

    /** Adds a version with the entry it shows ({@code entry} non-null only for sections that prebuild them). */
    void add(Incarnation incarnation, Object entry) {
        if (size == items.length) {
            int capacity = size + Math.max(2, size >> 1);
            items = Arrays.copyOf(items, capacity);
            days = Arrays.copyOf(days, capacity);
            times = Arrays.copyOf(times, 2 * capacity);
            if (entries != null) {
                entries = Arrays.copyOf(entries, capacity);
            }
        }
        if (entry != null && entries == null) {
            entries = new Object[items.length];
        }
        int day = (int) incarnation.occurredOn().toEpochDay();
        int at = size;
        // the dates decide unless they are equal: the last version is then read, not otherwise (a start-up
        // adds a million versions, and the last one of a key is rarely still in the CPU's cache)
        boolean before = size > 0 && (days[size - 1] > day
                || days[size - 1] == day && items[size - 1].compareTo(incarnation) > 0);
        if (before) { // not the common case: versions mostly arrive in date order
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (days[mid] < day || days[mid] == day && items[mid].compareTo(incarnation) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            at = lo;
            System.arraycopy(items, at, items, at + 1, size - at);
            System.arraycopy(days, at, days, at + 1, size - at);
            System.arraycopy(times, 2 * at, times, 2 * at + 2, 2 * (size - at));
            if (entries != null) {
                System.arraycopy(entries, at, entries, at + 1, size - at);
            }
        }
        items[at] = incarnation;
        days[at] = day;
        Slot slot = incarnation.slot();
        long recorded = Cut.nanos(slot.recordedAt);
        boolean plain = incarnation.original() && slot.retractions.isEmpty() && slot.corrections.isEmpty()
                && recorded != Long.MIN_VALUE && recorded != Long.MAX_VALUE;
        times[2 * at] = plain ? slot.offset : TOUCHED;
        times[2 * at + 1] = recorded;
        if (entries != null) {
            entries[at] = entry;
        }
        size++;
    }

    int size() {
        return size;
    }

    Incarnation get(int i) {
        return items[i];
    }

    /** The entry prebuilt for version {@code i}, or null. */
    Object entry(int i) {
        return entries == null ? null : entries[i];
    }

    /** No date limit: every version is dated on or before it. */
    static final long NO_LIMIT = Long.MAX_VALUE;

    /**
     * {@code asOf} as the epoch day the versions are searched by ({@link #NO_LIMIT} when null): worked
     * out once per question, not once per key — the calendar arithmetic was a third of a state's cost.
     */
    static long day(LocalDate asOf) {
        return asOf == null ? NO_LIMIT : asOf.toEpochDay();
    }

    /** The index just past the last version dated on or before the epoch day {@code asOfDay}. */
    int end(long asOfDay) {
        return end(days, size, asOfDay);
    }

    /**
     * The index just past the last of the first {@code n} {@code days} (ascending) that is on or before
     * {@code asOfDay}. A key's versions spread over its history's span much as evenly as the history
     * does, so the place is first guessed from where {@code asOfDay} falls in the span; from there the
     * search widens by doubling steps until it brackets the place, then halves the bracket. A long
     * history's key (thousands of versions) is then answered from the one or two cache lines around
     * the guess, where halving the whole array read half a dozen lines scattered over it; a key whose
     * dates bunch up costs at most about twice a plain binary search.
     */
    static int end(int[] days, int n, long asOfDay) {
        if (n == 0 || days[n - 1] <= asOfDay) {
            return n;
        }
        if (days[0] > asOfDay) {
            return 0;
        }
        // from here days[0] <= asOfDay < days[n - 1]: the place is in 1..n-1
        long span = (long) days[n - 1] - days[0];
        int guess = (int) ((asOfDay - days[0]) * (n - 1) / span);
        int lo; // days[lo] <= asOfDay
        int hi; // days[hi] > asOfDay
        if (days[guess] <= asOfDay) {
            lo = guess;
            int step = 1;
            int probe = lo + 1;
            while (probe < n - 1 && days[probe] <= asOfDay) {
                lo = probe;
                step <<= 1;
                probe = lo + step;
            }
            hi = Math.min(probe, n - 1);
        } else {
            hi = guess;
            int step = 1;
            int probe = hi - 1;
            while (probe > 0 && days[probe] > asOfDay) {
                hi = probe;
                step <<= 1;
                probe = hi - step;
            }
            lo = Math.max(probe, 0);
        }
        // the first day after asOfDay, within (lo, hi]
        int a = lo + 1;
        int b = hi;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (days[mid] > asOfDay) {
                b = mid;
            } else {
                a = mid + 1;
            }
        }
        return a;
    }

    /**
     * Whether version {@code i} is what its slot says under the cut: from the arrays for a version no
     * retraction or correction touches (visible under the cut is then enough), else from its slot.
     */
    boolean counts(int i, Cut cut) {
        long offset = times[2 * i];
        if (offset != TOUCHED) {
            return offset <= cut.maxOffset() && times[2 * i + 1] <= cut.knownAtNanos();
        }
        return items[i].counts(cut);
    }

    /**
     * Notes that a retraction or correction now touches {@code incarnation}'s slot: from now on
     * whether it counts is asked of the slot.
     */
    void touched(Incarnation incarnation) {
        int lo = 0;
        int hi = size;
        while (lo < hi) { // the first version not sorting before it
            int mid = (lo + hi) >>> 1;
            if (items[mid].compareTo(incarnation) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < size && items[i].compareTo(incarnation) == 0; i++) {
            if (items[i] == incarnation) {
                times[2 * i] = TOUCHED;
                return;
            }
        }
    }

    /** The index of the latest version that counts under the cut and is dated on or before {@code asOfDay}, or −1. */
    int latestIndex(long asOfDay, Cut cut) {
        for (int i = end(asOfDay) - 1; i >= 0; i--) {
            if (counts(i, cut)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The latest version that counts under the cut and sorts strictly before {@code bound} (in
     * valid-time order, as {@link Incarnation#compareTo}), or null: binary search, then walk back.
     */
    Incarnation latestBefore(Incarnation bound, Cut cut) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (items[mid].compareTo(bound) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo - 1; i >= 0; i--) {
            if (counts(i, cut)) {
                return items[i];
            }
        }
        return null;
    }

    /** Every version, oldest first, whatever the cut. */
    List<Incarnation> all() {
        return Collections.unmodifiableList(Arrays.asList(items).subList(0, size));
    }
}
