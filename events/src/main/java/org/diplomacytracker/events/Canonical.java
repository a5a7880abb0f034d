package org.diplomacytracker.events;

import java.util.function.Function;

/**
 * A small, lossy cache of canonical instances of an immutable value, keyed by its text: the ids of
 * actors, issues, areas and proposals and the outlets of sources repeat in every development, and
 * sharing one instance of each keeps a million of them from holding a million copies. Direct-mapped
 * and fixed in size, so it never grows: a collision replaces the slot, and the next lookup makes a new
 * instance. Safe without locks: the values are immutable (final fields), so a slot read by another
 * thread is either null, an older value, or a complete one.
 */
final class Canonical<T> {

    private final Object[] slots;
    private final int mask;
    private final Function<T, String> keyOf;

    Canonical(int sizePowerOfTwo, Function<T, String> keyOf) {
        if (Integer.bitCount(sizePowerOfTwo) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + sizePowerOfTwo);
        }
        this.slots = new Object[sizePowerOfTwo];
        this.mask = sizePowerOfTwo - 1;
        this.keyOf = keyOf;
    }

    /**
     * The canonical instance for {@code key}: the cached one when its text is equal, else
     * {@code make.apply(key)} (which validates, and may throw), remembered for next time.
     */
    @SuppressWarnings("unchecked")
    T of(String key, Function<String, T> make) {
        if (key == null) {
            return make.apply(null);
        }
        int h = key.hashCode();
        int i = (h ^ (h >>> 16)) & mask;
        Object cached = slots[i];
        if (cached != null && keyOf.apply((T) cached).equals(key)) {
            return (T) cached;
        }
        T made = make.apply(key);
        slots[i] = made;
        return made;
    }

    /**
     * Canonical instances of a value record, by equality: for values that repeat whole (a source
     * cited by many developments). The same direct-mapped, lossy, lock-free scheme as by text.
     */
    static final class Values<T> {
        private final Object[] slots;
        private final int mask;

        Values(int sizePowerOfTwo) {
            if (Integer.bitCount(sizePowerOfTwo) != 1) {
                throw new IllegalArgumentException("size must be a power of two: " + sizePowerOfTwo);
            }
            this.slots = new Object[sizePowerOfTwo];
            this.mask = sizePowerOfTwo - 1;
        }

        /** The cached instance equal to {@code value}, or {@code value} itself, remembered for next time. */
        @SuppressWarnings("unchecked")
        T of(T value) {
            int h = value.hashCode();
            int i = (h ^ (h >>> 16)) & mask;
            Object cached = slots[i];
            if (cached != null && cached.equals(value)) {
                return (T) cached;
            }
            slots[i] = value;
            return value;
        }
    }

    /** Canonical strings, for free texts that repeat (outlets, attributions). */
    static final class Strings {
        private final Canonical<String> cache;

        Strings(int sizePowerOfTwo) {
            this.cache = new Canonical<>(sizePowerOfTwo, s -> s);
        }

        String of(String value) {
            return value == null ? null : cache.of(value, s -> s);
        }
    }
}
