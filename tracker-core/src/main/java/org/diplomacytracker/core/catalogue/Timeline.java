package org.diplomacytracker.core.catalogue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A process's entries in valid-time order: by date, then by offset (recorded order). The dates that
 * have entries are a sorted array of epoch days, and each date holds its entries in one array in
 * offset order, beside their offsets. A sorted set of entries would keep a tree node per development
 * (a million of them and more for the garbage collector to copy while the catalogue is built), and
 * place each one by comparing dates read through the nodes; here adding an entry finds its date by
 * binary search among the few thousand a process spans, and almost always appends it at the end of
 * that date's array, since the store delivers offsets in order (a gap filled late lands in its place
 * by binary search). Not thread-safe: its owner guards it.
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

    /** The dates that have entries, as epoch days in ascending order, and each one's entries beside it. */
    private int[] dayKeys = new int[16];
    private Day[] days = new Day[16];
    private int dayCount;
    private int size;

    void add(E entry) {
        LocalDate date = entry.occurredOn();
        int key = (int) date.toEpochDay();
        int at = dayCount > 0 && dayKeys[dayCount - 1] == key ? dayCount - 1 : search(key);
        if (at < 0) { // a date not seen yet: few in all, so the shifting is rare and short
            at = -at - 1;
            if (dayCount == days.length) {
                dayKeys = Arrays.copyOf(dayKeys, dayCount * 2);
                days = Arrays.copyOf(days, dayCount * 2);
            }
            System.arraycopy(dayKeys, at, dayKeys, at + 1, dayCount - at);
            System.arraycopy(days, at, days, at + 1, dayCount - at);
            dayKeys[at] = key;
            days[at] = new Day(date);
            dayCount++;
        }
        days[at].add(entry, entry.offset());
        size++;
    }

    /** The place of {@code key} among the dates, or −(the place it would take) − 1. */
    private int search(long key) {
        return key > Integer.MAX_VALUE ? -dayCount - 1 : key < Integer.MIN_VALUE ? -1
                : Arrays.binarySearch(dayKeys, 0, dayCount, (int) key);
    }

    /** The place of the first date on or after {@code key}. */
    private int ceiling(long key) {
        int at = search(key);
        return at >= 0 ? at : -at - 1;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    LocalDate firstDate() {
        return dayCount == 0 ? null : days[0].date;
    }

    LocalDate lastDate() {
        return dayCount == 0 ? null : days[dayCount - 1].date;
    }

    /**
     * The entries from {@code start} on, in order, up to and including the date {@code to} (null: to
     * the end). {@code start} is a date and an offset: entries of that date with that offset or a lower
     * one are passed over, so that {@code Long.MIN_VALUE} starts at the date's first entry and a cursor
     * (the last entry of a page) starts right after it. A null {@code start} starts at the beginning.
     */
    Iterator<E> from(Catalogue.TimelineKey start, LocalDate to) {
        int firstDay = start == null ? 0 : ceiling(start.occurredOn().toEpochDay());
        // just past the last date on or before `to`
        int endDay = to == null ? dayCount : ceilingAfter(to.toEpochDay());
        return new Iterator<>() {
            private int dayAt = firstDay;
            private int next = dayAt < endDay && start != null && days[dayAt].date.equals(start.occurredOn())
                    ? days[dayAt].after(start.offset()) : 0;

            {
                settle();
            }

            /** Moves past dates with nothing left to give. */
            private void settle() {
                while (dayAt < endDay && next >= days[dayAt].size) {
                    dayAt++;
                    next = 0;
                }
            }

            @Override
            public boolean hasNext() {
                return dayAt < endDay;
            }

            @Override
            @SuppressWarnings("unchecked")
            public E next() {
                if (dayAt >= endDay) {
                    throw new NoSuchElementException();
                }
                E entry = (E) days[dayAt].entries[next++];
                settle();
                return entry;
            }
        };
    }

    /** The place of the first date after {@code key}. */
    private int ceilingAfter(long key) {
        int at = search(key);
        return at >= 0 ? at + 1 : -at - 1;
    }
}
