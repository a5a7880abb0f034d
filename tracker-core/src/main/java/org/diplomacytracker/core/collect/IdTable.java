package org.diplomacytracker.core.collect;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The entries of a read model by the id each carries. A {@code HashMap} keeps a node object per entry;
 * the read models hold one entry per development, a million of them and more, and every node is one
 * more object for the garbage collector to copy while they are built. Here the entries sit in one array
 * in the order they were added, and a second, primitive array does the hashing: open addressing with
 * linear probing over slots that each hold an entry's hash and its place in the first array. Entries
 * are only added (the read models never forget a development). Not thread-safe: its owner guards it.
 *
 * <p>Why this layout rather than the entries themselves in the probed array: a probe compares hashes
 * held in the probed array, so it reads no entry (nor its id, nor the id's characters) but the one it
 * finds, where a probe through the entries read three objects scattered over the heap for every slot
 * it passed; and the entries are written in order, at the end of their array, so that adding one marks
 * one card of the garbage collector's remembered sets at most once per run of neighbours, where a
 * probed array of references was written at a random place for every entry added.
 *
 * @param <E> the entries; {@code idOf} must give each the same id for as long as it is held
 */
public final class IdTable<E> {

    /** The probe array is doubled when more than this share of its slots is taken. */
    private static final double LOAD = 0.7;
    private static final long EMPTY = 0;

    private final Function<E, String> idOf;
    /** The entries, in the order they were added. */
    private Object[] entries = new Object[8];
    /**
     * Per slot: the spread hash in the high half, the entry's place in {@link #entries} plus one in the
     * low half; 0 is an empty slot.
     */
    private long[] probe = new long[16];
    private int size;
    private int growAt = (int) (probe.length * LOAD);

    public IdTable(Function<E, String> idOf) {
        this.idOf = idOf;
    }

    public int size() {
        return size;
    }

    /** The entry with {@code id}, or null. */
    public E get(String id) {
        int hash = spread(id.hashCode());
        int mask = probe.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long slot = probe[i];
            if (slot == EMPTY) {
                return null;
            }
            if (hashOf(slot) == hash) {
                E entry = entryAt(slot);
                if (idOf.apply(entry).equals(id)) {
                    return entry;
                }
            }
        }
    }

    public boolean contains(String id) {
        return get(id) != null;
    }

    /** Adds {@code entry} unless an entry with its id is held: then returns that one, and adds nothing. */
    public E putIfAbsent(E entry) {
        String id = idOf.apply(entry);
        int hash = spread(id.hashCode());
        int mask = probe.length - 1;
        int i = hash & mask;
        for (long slot = probe[i]; slot != EMPTY; slot = probe[i]) {
            if (hashOf(slot) == hash) {
                E held = entryAt(slot);
                if (idOf.apply(held).equals(id)) {
                    return held;
                }
            }
            i = (i + 1) & mask;
        }
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size + (size >> 1));
        }
        entries[size] = entry;
        probe[i] = ((long) hash << 32) | (size + 1L);
        if (++size > growAt) {
            grow();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private E entryAt(long slot) {
        return (E) entries[(int) slot - 1];
    }

    private static int hashOf(long slot) {
        return (int) (slot >>> 32);
    }

    /** Doubles the probe array, placing each slot again by the hash it holds: no entry is read. */
    private void grow() {
        long[] old = probe;
        probe = new long[old.length * 2];
        growAt = (int) (probe.length * LOAD);
        int mask = probe.length - 1;
        for (long slot : old) {
            if (slot != EMPTY) {
                int i = hashOf(slot) & mask;
                while (probe[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                probe[i] = slot;
            }
        }
    }

    /**
     * Every bit of the hash mixed into the low ones, which pick the slot (MurmurHash3's finaliser):
     * ids that differ in their last character only (d-1, d-2, …) must not fill a run of neighbouring
     * slots, which linear probing would then walk.
     */
    private static int spread(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
