package org.diplomacytracker.core.collect;

import java.util.function.Function;

/**
 * The entries of a read model by the id each carries, in one array: open addressing with linear
 * probing, the id read from the entry itself. A {@code HashMap} keeps a node object per entry; the read
 * models hold one entry per development, a million of them and more, and every node is one more object
 * for the garbage collector to copy while they are built. Here an entry costs a slot or two of the
 * array. Entries are only added (the read models never forget a development). Not thread-safe: its
 * owner guards it.
 *
 * @param <E> the entries; {@code idOf} must give each the same id for as long as it is held
 */
public final class IdTable<E> {

    /** Grown when more than this share of the slots is taken, so that probes stay short. */
    private static final double LOAD = 0.6;

    private final Function<E, String> idOf;
    private Object[] slots = new Object[16];
    private int size;
    private int growAt = (int) (slots.length * LOAD);

    public IdTable(Function<E, String> idOf) {
        this.idOf = idOf;
    }

    public int size() {
        return size;
    }

    /** The entry with {@code id}, or null. */
    @SuppressWarnings("unchecked")
    public E get(String id) {
        int mask = slots.length - 1;
        for (int i = spread(id.hashCode()) & mask; ; i = (i + 1) & mask) {
            Object entry = slots[i];
            if (entry == null) {
                return null;
            }
            if (idOf.apply((E) entry).equals(id)) {
                return (E) entry;
            }
        }
    }

    public boolean contains(String id) {
        return get(id) != null;
    }

    /** Adds {@code entry} unless an entry with its id is held: then returns that one, and adds nothing. */
    @SuppressWarnings("unchecked")
    public E putIfAbsent(E entry) {
        String id = idOf.apply(entry);
        int mask = slots.length - 1;
        int i = spread(id.hashCode()) & mask;
        for (Object held = slots[i]; held != null; held = slots[i]) {
            if (idOf.apply((E) held).equals(id)) {
                return (E) held;
            }
            i = (i + 1) & mask;
        }
        slots[i] = entry;
        if (++size > growAt) {
            grow();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        Object[] old = slots;
        slots = new Object[old.length * 2];
        growAt = (int) (slots.length * LOAD);
        int mask = slots.length - 1;
        for (Object entry : old) {
            if (entry != null) {
                int i = spread(idOf.apply((E) entry).hashCode()) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = entry;
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
