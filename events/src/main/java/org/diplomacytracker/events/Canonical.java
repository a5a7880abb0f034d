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

    /** Instances keyed by their text, {@code keyOf}: looked up with {@link #of(String, Function)}. */
    Canonical(int sizePowerOfTwo, Function<T, String> keyOf) {
        if (Integer.bitCount(sizePowerOfTwo) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + sizePowerOfTwo);
        }
        this.slots = new Object[sizePowerOfTwo];
        this.mask = sizePowerOfTwo - 1;
        this.keyOf = keyOf;
    }

    /**
     * Values compared whole, for values that repeat whole (a source cited by many developments):
     * looked up with {@link #of(Object)}.
     */
    Canonical(int sizePowerOfTwo) {
        this(sizePowerOfTwo, null);
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
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
        int i = slot(key.hashCode());
        Object cached = slots[i];
        if (cached != null && keyOf.apply((T) cached).equals(key)) {
            return (T) cached;
        }
        T made = make.apply(key);
        slots[i] = made;
        return made;
    }

    /** The cached instance equal to {@code value}, or {@code value} itself, remembered for next time. */
    @SuppressWarnings("unchecked")
    T of(T value) {
        int i = slot(value.hashCode());
        Object cached = slots[i];
        if (cached != null && cached.equals(value)) {
            return (T) cached;
        }
        slots[i] = value;
        return value;
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
