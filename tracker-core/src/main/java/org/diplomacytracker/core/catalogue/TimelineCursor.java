package org.diplomacytracker.core.catalogue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a timeline page ended: the valid-time key (date, then offset) of its last development.
 * Opaque to clients: an URL-safe token.
 */
public record TimelineCursor(LocalDate occurredOn, long offset) implements Catalogue.TimelineKey {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredOn + "~" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token made by {@link #encode()}; anything else is refused. */
    public static TimelineCursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int sep = raw.indexOf('~');
            if (sep < 0) {
                throw new IllegalArgumentException("cursor is not one this server gave out");
            }
            return new TimelineCursor(LocalDate.parse(raw.substring(0, sep)), Long.parseLong(raw.substring(sep + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("cursor is not one this server gave out; use the 'next' value of "
                    + "the previous page");
        }
    }
}
