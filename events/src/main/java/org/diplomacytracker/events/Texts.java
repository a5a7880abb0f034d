package org.diplomacytracker.events;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Rules shared by the text members of developments. */
final class Texts {

    /** Names, titles, offices, outlets, terms: one line, short enough to show in a list. */
    static final int LINE_MAX = 500;
    /** Quotes, conditions, descriptions, outcomes, reasons, notes, mandates. */
    static final int PROSE_MAX = 10_000;

    private Texts() {
    }

    /** A required one-line text: a name, a title, an office. */
    static String line(String field, String value) {
        return check(field, Rules.required(field, value), LINE_MAX, false);
    }

    static String optionalLine(String field, String value) {
        return optionalLine(field, value, LINE_MAX);
    }

    static String optionalLine(String field, String value, int max) {
        return value == null ? null : check(field, value, max, false);
    }

    /** A required free text, which may span lines. */
    static String prose(String field, String value) {
        return check(field, Rules.required(field, value), PROSE_MAX, true);
    }

    static String optionalProse(String field, String value) {
        return value == null ? null : check(field, value, PROSE_MAX, true);
    }

    private static String check(String field, String value, int max, boolean multiline) {
        if (isBlank(value)) {
            throw new InvalidDevelopmentException(field, field + " must not be blank");
        }
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw new InvalidDevelopmentException(field,
                    field + " must be at most " + max + " characters, got " + length);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                // a lone surrogate (sent as an escape) is not text, and no UTF-8 store can keep it
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw new InvalidDevelopmentException(field,
                            field + " contains an unpaired surrogate (" + hex(c) + "); send valid Unicode text");
                }
                i++;
            } else if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                throw new InvalidDevelopmentException(field, multiline
                        ? field + " must not contain control characters other than line breaks and tabs, found " + hex(c)
                        : field + " must be a single line without control characters, found " + hex(c));
            }
        }
        return value;
    }

    private static boolean isBlank(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                return false; // almost always the first character
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static String hex(char c) {
        return String.format("U+%04X", (int) c);
    }

    /** A value quoted back in a message is cut, so that a huge or hostile value stays readable. */
    static String shorten(String value) {
        String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    /** The refusal of a wire name that is none of {@code allowed}; the reader puts the field in front. */
    static InvalidDevelopmentException notOneOf(Object[] allowed, String got) {
        return new InvalidDevelopmentException(null, "must be one of "
                + Arrays.stream(allowed).map(String::valueOf).collect(Collectors.joining(", "))
                + ", got " + (got == null ? "null" : "'" + shorten(got) + "'"));
    }
}
