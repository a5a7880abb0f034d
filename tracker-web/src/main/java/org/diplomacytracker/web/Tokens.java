package org.diplomacytracker.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens and the role each grants, from {@code TRACKER_TOKENS} ("analyst:secret1,reader:secret2").
 * An analyst records and reads; a reader only reads. With no tokens configured the API is open —
 * fit for the default loopback address, and the server says so at start.
 */
public final class Tokens {

    /** What a token allows. */
    public enum Role { ANALYST, READER }

    private final Map<String, Role> byToken;

    private Tokens(Map<String, Role> byToken) {
        this.byToken = Map.copyOf(byToken);
    }

    public static Tokens none() {
        return new Tokens(Map.of());
    }

    /** Parses the {@code TRACKER_TOKENS} format; refuses anything else with a message naming the entry. */
    public static Tokens parse(String spec) {
        Map<String, Role> tokens = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return none();
        }
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("TRACKER_TOKENS entries are role:token (role analyst or reader)");
            }
            String role = trimmed.substring(0, colon).toUpperCase(Locale.ROOT);
            String token = trimmed.substring(colon + 1);
            try {
                tokens.put(token, Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TRACKER_TOKENS: unknown role '" + trimmed.substring(0, colon)
                        + "'; use analyst or reader");
            }
        }
        return new Tokens(tokens);
    }

    public boolean enabled() {
        return !byToken.isEmpty();
    }

    /** The role of a presented token, compared in constant time. */
    public Optional<Role> roleOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        Role found = null;
        for (Map.Entry<String, Role> e : byToken.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
