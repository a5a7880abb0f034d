package org.diplomacytracker.core.store;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's identifiers for this tracker's messages — above all the stored events' {@code eventIdentifier},
 * which the event table keeps a unique index on — as version 7 UUIDs (RFC 9562): the milliseconds since
 * the epoch first, then a counter within the millisecond, then random bits. Axon's default is a random
 * (version 4) UUID, which puts every append at a random place in that index: at a million events each
 * batch of appends touches as many index pages as it has events, and the embedded store spends most of
 * its time writing those pages out again. Time-ordered identifiers append at the index's end, as the
 * global index does.
 *
 * <p>Still unique across nodes sharing a store (62 random bits per identifier, besides the time and
 * the counter), and increasing within this JVM: when more than 4,096 identifiers are asked for within
 * one millisecond, or the clock steps back, the time part moves on from the last one given rather
 * than repeat it. Axon finds this class through {@link java.util.ServiceLoader}
 * ({@code META-INF/services}); nothing else reads the identifiers' order.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int COUNTER_BITS = 12;
    private static final long COUNTER_MAX = (1L << COUNTER_BITS) - 1;

    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    /** Guarded by {@code this}: the time part and the counter of the last identifier given. */
    private long lastMillis = Long.MIN_VALUE;
    private long counter;

    /** As Axon's service loader makes it. */
    public TimeOrderedIdentifierFactory() {
    }

    @Override
    public String generateIdentifier() {
        long millis;
        long count;
        long randomBits;
        synchronized (this) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                counter = 0;
            } else if (counter < COUNTER_MAX) {
                counter++;
            } else {
                lastMillis++; // borrow the next millisecond rather than repeat or wrap
                counter = 0;
            }
            millis = lastMillis;
            count = counter;
            randomBits = random.nextLong();
        }
        long high = (millis << 16) | 0x7000L | count;                        // 48 bits time, version 7, 12 bits counter
        long low = (randomBits & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // variant 10, 62 random bits
        return format(high, low);
    }

    /** The canonical 8-4-4-4-12 lower-case form, which sorts as the numbers do. */
    static String format(long high, long low) {
        char[] out = new char[36];
        hex(out, 0, high >>> 32, 8);
        out[8] = '-';
        hex(out, 9, high >>> 16, 4);
        out[13] = '-';
        hex(out, 14, high, 4);
        out[18] = '-';
        hex(out, 19, low >>> 48, 4);
        out[23] = '-';
        hex(out, 24, low, 12);
        return new String(out);
    }

    private static void hex(char[] out, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
