package org.diplomacytracker.core.process;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    private ContentHash() {
    }

    static long of(Development development) {
        byte[] json = DevelopmentJson.write(development).getBytes(StandardCharsets.UTF_8);
        byte[] digest = SHA256.get().digest(json);
        return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    }
}
