package org.diplomacytracker.events;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules the records' compact constructors share; each names the field it refuses. */
final class Rules {

    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    static final int URL_MAX = 2_000;
    /** Enough for any sum of money or area, and small enough to write out in plain digits. */
    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_DECIMALS = 10;

    private Rules() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidDevelopmentException(field, field + " is required");
        }
        return value;
    }

    /** The envelope every development carries. */
    static void envelope(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
            Source source) {
        required("id", id);
        required("process", process);
        date("occurredOn", occurredOn);
        optionalInstant("reportedAt", reportedAt);
        required("source", source);
    }

    static LocalDate date(String field, LocalDate value) {
        required(field, value);
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new InvalidDevelopmentException(field,
                    field + " must be between " + EARLIEST + " and " + LATEST + ", got " + value);
        }
        return value;
    }

    static Instant optionalInstant(String field, Instant value) {
        if (value != null) {
            LocalDate day = LocalDate.ofInstant(value, ZoneOffset.UTC);
            if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
                throw new InvalidDevelopmentException(field,
                        field + " must be between " + EARLIEST + " and " + LATEST + ", got " + value);
            }
        }
        return value;
    }

    /**
     * A non-negative quantity, normalised so that equal amounts are equal content: 5, 5.0 and
     * 5.00 all become 5, and 1E+3 becomes 1000.
     */
    static BigDecimal optionalQuantity(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            throw new InvalidDevelopmentException(field, field + " must not be negative, got " + shortNumber(value));
        }
        BigDecimal normal = value.stripTrailingZeros();
        // checked before setScale, which would expand 1E+999999999 into a billion digits
        if ((long) normal.precision() - normal.scale() > MAX_INTEGER_DIGITS || normal.scale() > MAX_DECIMALS) {
            throw new InvalidDevelopmentException(field, field + " must have at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point and " + MAX_DECIMALS + " after it, got " + shortNumber(value));
        }
        return normal.scale() < 0 ? normal.setScale(0) : normal;
    }

    private static String shortNumber(BigDecimal value) {
        // toString, not toPlainString: 1e999999999 must not become a billion zeros
        return Texts.shorten(value.toString());
    }

    /**
     * URLs found valid before, by text: a source is cited by many developments, and parsing its URL
     * again for each is a noticeable part of reading a batch. Lossy and fixed in size ({@link Canonical});
     * only a URL that passed is remembered, so a refusal is always decided afresh.
     */
    private static final Canonical<String> VALID_URLS = new Canonical<>(1024, url -> url);

    /** An absolute http(s) URL. */
    static String optionalUrl(String field, String value) {
        if (value == null) {
            return null;
        }
        return VALID_URLS.of(value, url -> checkedUrl(field, url));
    }

    private static String checkedUrl(String field, String value) {
        Texts.optionalLine(field, value, URL_MAX);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return value;
            }
        } catch (URISyntaxException e) {
            // refused below, with the same message as a relative or non-web URL
        }
        throw new InvalidDevelopmentException(field,
                field + " must be an absolute http or https URL, got '" + Texts.shorten(value) + "'");
    }

    /**
     * A list of ids or values: required, no null entries, copied so that it cannot change.
     * {@code atLeastOne} and {@code distinct} add the rules of participants and parties.
     */
    static <T> List<T> list(String field, List<T> value, String noun, boolean atLeastOne, boolean distinct) {
        required(field, value);
        if (atLeastOne && value.isEmpty()) {
            throw new InvalidDevelopmentException(field, field + " must name at least one " + noun);
        }
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            T item = value.get(i);
            String path = field + "." + i;
            if (item == null) {
                throw new InvalidDevelopmentException(path, path + " must not be null");
            }
            if (!seen.add(item) && distinct) {
                throw new InvalidDevelopmentException(path, path + " repeats '" + Texts.shorten(item.toString()) + "'");
            }
        }
        return List.copyOf(value);
    }

    static <T> List<T> optionalList(String field, List<T> value, String noun, boolean distinct) {
        return value == null ? null : list(field, value, noun, false, distinct);
    }
}
