package org.diplomacytracker.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO dates and instants in the shapes the wire and the store use every time ({@code 2024-11-27},
 * {@code 2024-11-28T09:00:00Z}, {@code 2024-11-28T09:00:00.123Z}), read and written directly. The
 * JDK's formatters do the same through a general parser that builds a map of fields per value, which
 * was a noticeable part of decoding and storing every development. Every other shape goes to the JDK,
 * so the results — values, text and errors — are always the JDK's own.
 */
public final class IsoTime {

    private static final long SECONDS_PER_DAY = 86_400;

    private IsoTime() {
    }

    /** As {@link LocalDate#parse(CharSequence)}. */
    public static LocalDate parseDate(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            if (year >= 0 && month >= 0 && day >= 0) {
                try {
                    return date(year, month, day);
                } catch (DateTimeException e) {
                    // an impossible date: the JDK's parser words the refusal
                }
            }
        }
        return LocalDate.parse(s);
    }

    /** The years whose dates are shared (see {@link #date}): those a development may carry, and some more. */
    private static final int FIRST_SHARED_YEAR = 1900;
    private static final int LAST_SHARED_YEAR = 2100;
    /**
     * One {@code LocalDate} per calendar day of the shared years, indexed by (year, month, day), made on
     * first use. Every stored development holds its date for as long as the tracker runs, and a
     * history of a million developments falls on a few thousand days: sharing them spares the heap a
     * million objects, and the garbage collector the work of copying them. {@code LocalDate} is
     * immutable (final fields), so a racing reader sees either null or a whole date.
     */
    private static final LocalDate[] SHARED_DATES = new LocalDate[(LAST_SHARED_YEAR - FIRST_SHARED_YEAR + 1) * 12 * 31];

    /** As {@link LocalDate#of(int, int, int)}, the same value shared for every day of the shared years. */
    static LocalDate date(int year, int month, int day) {
        if (year < FIRST_SHARED_YEAR || year > LAST_SHARED_YEAR || month < 1 || month > 12 || day < 1 || day > 31) {
            return LocalDate.of(year, month, day);
        }
        int slot = ((year - FIRST_SHARED_YEAR) * 12 + month - 1) * 31 + day - 1;
        LocalDate shared = SHARED_DATES[slot];
        if (shared == null) {
            shared = LocalDate.of(year, month, day); // refuses 31 April as LocalDate.of does
            SHARED_DATES[slot] = shared;
        }
        return shared;
    }

    /** As {@link Instant#parse(CharSequence)}. */
    public static Instant parseInstant(String s) {
        Instant fast = fastInstant(s);
        return fast != null ? fast : Instant.parse(s);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} read directly, or null for any other shape or an impossible
     * value (which the caller then hands to a general parser).
     */
    public static Instant fastInstant(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between the '.' and the 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(s, 20, fraction);
            if (value < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                value *= 10;
            }
            nanos = value;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null; // including 24:00 and leap seconds, which the JDK has its own rules for
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** As {@link Instant#toString()}: the fraction in groups of three digits, none when zero. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        LocalDate date = epochDay >= MIN_FAST_DAY && epochDay <= MAX_FAST_DAY ? LocalDate.ofEpochDay(epochDay) : null;
        if (date == null) {
            return instant.toString();
        }
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nano = instant.getNano();
        StringBuilder b = new StringBuilder(30);
        dateTime(b, date, secondOfDay);
        if (nano != 0) {
            b.append('.');
            if (nano % 1_000_000 == 0) {
                pad(b, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                pad(b, nano / 1_000, 6);
            } else {
                pad(b, nano, 9);
            }
        }
        return b.append('Z').toString();
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, always three fraction digits (finer ones cut off): the shape
     * Axon's JDBC store writes its timestamps in. Null outside the years 0000–9999.
     */
    public static String formatMillis(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (epochDay < MIN_FAST_DAY || epochDay > MAX_FAST_DAY) {
            return null;
        }
        StringBuilder b = new StringBuilder(24);
        dateTime(b, LocalDate.ofEpochDay(epochDay), (int) Math.floorMod(seconds, SECONDS_PER_DAY));
        b.append('.');
        pad(b, instant.getNano() / 1_000_000, 3);
        return b.append('Z').toString();
    }

    /**
     * The instant {@link #formatMillis} writes, as read back: cut to its millisecond; null where that
     * writes nothing (outside the years 0000–9999).
     */
    public static Instant millisOf(Instant instant) {
        long epochDay = Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY);
        if (epochDay < MIN_FAST_DAY || epochDay > MAX_FAST_DAY) {
            return null;
        }
        int nanos = instant.getNano();
        int cut = nanos - nanos % 1_000_000;
        return cut == nanos ? instant : Instant.ofEpochSecond(instant.getEpochSecond(), cut);
    }

    private static final long MIN_FAST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long MAX_FAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private static void dateTime(StringBuilder b, LocalDate date, int secondOfDay) {
        pad(b, date.getYear(), 4);
        b.append('-');
        pad(b, date.getMonthValue(), 2);
        b.append('-');
        pad(b, date.getDayOfMonth(), 2);
        b.append('T');
        pad(b, secondOfDay / 3_600, 2);
        b.append(':');
        pad(b, secondOfDay / 60 % 60, 2);
        b.append(':');
        pad(b, secondOfDay % 60, 2);
    }

    private static void pad(StringBuilder b, int value, int width) {
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (value < limit) {
                b.append('0');
            }
        }
        b.append(value);
    }

    /** The decimal value of {@code length} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
