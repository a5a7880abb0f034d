package org.diplomacytracker.core.catalogue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A process's entries in valid-time order: by date, then by offset (recorded order). The dates are a
 * sorted map, and each date holds its entries in one array in offset order, beside their offsets. A
 * sorted set of entries would keep a tree node per development (a million of them and more for the
 * garbage collector to copy while the catalogue is built), and place each one by comparing dates read
 * through the nodes; here adding an entry finds its date among the few thousand a process spans, and
 * almost always appends it at the end of that date's array, since the store delivers offsets in order
 * (a gap filled late lands in its place by binary search). Not thread-safe: its owner guards it.
 *
 * @param <E> the entries
 */
final class Timeline<E extends Catalogue.TimelineKey> {

    /** One date's entries, in offset order. */
    private static final class Day {
        final LocalDate date;
        Object[] entries = new Object[4];
        long[] offsets = new long[4];
        int size;

        Day(LocalDate date) {
            this.date = date;
        }

        void add(Object entry, long offset) {
            if (size == entries.length) {
                int grown = size + Math.max(4, size >> 1);
                entries = Arrays.copyOf(entries, grown);
                offsets = Arrays.copyOf(offsets, grown);
            }
            int at = size == 0 || offsets[size - 1] < offset ? size : after(offset);
            System.arraycopy(entries, at, entries, at + 1, size - at);
            System.arraycopy(offsets, at, offsets, at + 1, size - at);
            entries[at] = entry;
            offsets[at] = offset;
            size++;
        }

        /** The place of the first entry with an offset above {@code offset}. */
        int after(long offset) {
            int low = 0;
            int high = size;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (offsets[mid] <= offset) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    private final TreeMap<Long, Day> days = new TreeMap<>();
    private int size;

    void add(E entry) {
        LocalDate date = entry.occurredOn();
        days.computeIfAbsent(date.toEpochDay(), d -> new Day(date)).add(entry, entry.offset());
        size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    LocalDate firstDate() {
        return days.isEmpty() ? null : days.firstEntry().getValue().date;
    }

    LocalDate lastDate() {
        return days.isEmpty() ? null : days.lastEntry().getValue().date;
    }

    /**
     * The entries from {@code start} on, in order, up to and including the date {@code to} (null: to
     * the end). {@code start} is a date and an offset: entries of that date with that offset or a lower
     * one are passed over, so that {@code Long.MIN_VALUE} starts at the date's first entry and a cursor
     * (the last entry of a page) starts right after it. A null {@code start} starts at the beginning.
     */
    Iterator<E> from(Catalogue.TimelineKey start, LocalDate to) {
        Long first = start == null ? null : start.occurredOn().toEpochDay();
        Long last = to == null ? null : to.toEpochDay();
        var range = first == null ? days : days.tailMap(first, true);
        if (last != null) {
            if (first != null && first > last) {
                return java.util.Collections.emptyIterator();
            }
            range = range.headMap(last, true);
        }
        Iterator<Day> dates = range.values().iterator();
        return new Iterator<>() {
            private Day day;
            private int next;

            {
                if (dates.hasNext()) {
                    day = dates.next();
                    next = start != null && day.date.equals(start.occurredOn()) ? day.after(start.offset()) : 0;
                }
                settle();
            }

            /** Moves past dates with nothing left to give. */
            private void settle() {
                while (day != null && next >= day.size) {
                    day = dates.hasNext() ? dates.next() : null;
                    next = 0;
                }
            }

            @Override
            public boolean hasNext() {
                return day != null;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (day == null) {
                    throw new NoSuchElementException();
                }
                E entry = (E) day.entries[next++];
                settle();
                return entry;
            }
        };
    }
}
