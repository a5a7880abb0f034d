package org.diplomacytracker.core.state;

import java.time.Instant;
import java.util.Arrays;

/**
 * For each distinct recordedAt seen, the highest offset recorded at or before it (a running
 * maximum), in growable primitive arrays sorted by recordedAt: 20 bytes per distinct instant, no
 * object per entry. Events usually arrive in recordedAt order (appended, O(1)); one that arrives
 * earlier than the last (commits out of order, clocks of several nodes) is inserted in place and the
 * running maximum carried forward. Not thread-safe; {@link StateIndex} guards it.
 */
final class OffsetsKnownAt {

    private long[] seconds = new long[64];
    private int[] nanos = new int[64];
    private long[] maxOffset = new long[64];
    private int size;

    int size() {
        return size;
    }

    /** Notes an event at {@code offset} recorded at {@code recordedAt}. */
    void add(long offset, Instant recordedAt) {
        long s = recordedAt.getEpochSecond();
        int ns = recordedAt.getNano();
        if (size == 0 || compare(size - 1, s, ns) < 0) {
            append(s, ns, Math.max(offset, size == 0 ? 0 : maxOffset[size - 1]));
            return;
        }
        int at = floor(s, ns); // >= 0: the last entry is not after recordedAt
        long max;
        int from;
        if (at >= 0 && compare(at, s, ns) == 0) {
            max = Math.max(offset, maxOffset[at]);
            maxOffset[at] = max;
            from = at + 1;
        } else {
            max = Math.max(offset, at < 0 ? 0 : maxOffset[at]);
            insert(at + 1, s, ns, max);
            from = at + 2;
        }
        for (int i = from; i < size && maxOffset[i] < max; i++) {
            maxOffset[i] = max;
        }
    }

    /** The highest offset recorded at or before {@code knownAt}, or 0 when none was. */
    long at(Instant knownAt) {
        int i = floor(knownAt.getEpochSecond(), knownAt.getNano());
        return i < 0 ? 0 : maxOffset[i];
    }

    /** The index of the last entry at or before (s, ns), or −1. */
    private int floor(long s, int ns) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(mid, s, ns) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    private int compare(int i, long s, int ns) {
        int c = Long.compare(seconds[i], s);
        return c != 0 ? c : Integer.compare(nanos[i], ns);
    }

    private void grow() {
        int capacity = seconds.length + (seconds.length >> 1) + 16;
        seconds = Arrays.copyOf(seconds, capacity);
        nanos = Arrays.copyOf(nanos, capacity);
        maxOffset = Arrays.copyOf(maxOffset, capacity);
    }

    private void append(long s, int ns, long max) {
        if (size == seconds.length) {
            grow();
        }
        seconds[size] = s;
        nanos[size] = ns;
        maxOffset[size] = max;
        size++;
    }

    private void insert(int at, long s, int ns, long max) {
        if (size == seconds.length) {
            grow();
        }
        System.arraycopy(seconds, at, seconds, at + 1, size - at);
        System.arraycopy(nanos, at, nanos, at + 1, size - at);
        System.arraycopy(maxOffset, at, maxOffset, at + 1, size - at);
        seconds[at] = s;
        nanos[at] = ns;
        maxOffset[at] = max;
        size++;
    }
}
