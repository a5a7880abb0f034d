package org.diplomacytracker.core.store;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The canonical JSON of the developments a recording thread is about to append, written once when
 * they were fingerprinted, so that the event store stores those bytes rather than serialising each
 * development again. Kept per thread and per instance, and only for the span of one recording: the
 * recorder forgets them when it starts and when it ends.
 */
public final class PayloadBytes {

    private static final ThreadLocal<Map<Object, byte[]>> PENDING = ThreadLocal.withInitial(IdentityHashMap::new);

    private PayloadBytes() {
    }

    /** Remembers {@code json} as the serialised form of exactly this {@code payload} instance. */
    public static void remember(Object payload, byte[] json) {
        PENDING.get().put(payload, json);
    }

    /** The bytes remembered for this instance on this thread, once; null when there are none. */
    static byte[] take(Object payload) {
        return PENDING.get().remove(payload);
    }

    /** Forgets everything remembered on this thread. */
    public static void forget() {
        PENDING.get().clear();
    }
}
