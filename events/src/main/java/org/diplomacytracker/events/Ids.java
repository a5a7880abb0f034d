package org.diplomacytracker.events;

import java.util.regex.Pattern;

/** The one rule every id follows: 1–128 characters of {@code [A-Za-z0-9._:-]}. */
final class Ids {

    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Ids() {
    }

    static String require(String value) {
        if (value == null) {
            throw new InvalidDevelopmentException(null, "is required");
        }
        if (!SLUG.matcher(value).matches()) {
            throw new InvalidDevelopmentException(null,
                    "must be 1 to 128 characters of A-Z a-z 0-9 . _ : - (no spaces or slashes), got '"
                            + Texts.shorten(value) + "'");
        }
        return value;
    }
}
