package org.diplomacytracker.core.process;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.diplomacytracker.core.store.PayloadBytes;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentJson;

/**
 * A 64-bit fingerprint of a development's canonical wire JSON: two submissions with the same id are
 * the same development exactly when their fingerprints match (a chance collision is 1 in 2^64).
 */
final class ContentHash {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    /**
     * The last development fingerprinted on this thread: the command handler fingerprints a
     * development to decide, and the event-sourcing handler then asks again for the same instance.
     */
    private static final ThreadLocal<Last> LAST = new ThreadLocal<>();

    private record Last(Development development, long hash) {
    }

    private ContentHash() {
    }

    static long of(Development development) {
        Last last = LAST.get();
        if (last != null && last.development() == development) {
            return last.hash();
        }
        return hash(development, DevelopmentJson.writeBytes(development));
    }

    /**
     * The fingerprint of a development submitted for recording; its canonical JSON is kept for the
     * event store, which stores those very bytes if the development is appended.
     */
    static long ofSubmitted(Development development) {
        byte[] json = DevelopmentJson.writeBytes(development);
        PayloadBytes.remember(development, json);
        return hash(development, json);
    }

    private static long hash(Development development, byte[] json) {
        byte[] digest = SHA256.get().digest(json);
        long hash = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        LAST.set(new Last(development, hash));
        return hash;
    }
}
