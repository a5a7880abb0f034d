package org.diplomacytracker.events;

/** The one rule every id follows: 1–128 characters of {@code [A-Za-z0-9._:-]}. */
final class Ids {

    static final int MAX = 128;

    private Ids() {
    }

    static String require(String value) {
        if (value == null) {
            throw new InvalidDevelopmentException(null, "is required");
        }
        if (!isSlug(value)) {
            throw new InvalidDevelopmentException(null,
                    "must be 1 to 128 characters of A-Z a-z 0-9 . _ : - (no spaces or slashes), got '"
                            + Texts.shorten(value) + "'");
        }
        return value;
    }

    /** Whether {@code value} matches {@code [A-Za-z0-9._:-]{1,128}}, without a regex. */
    static boolean isSlug(String value) {
        int length = value.length();
        if (length == 0 || length > MAX) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
