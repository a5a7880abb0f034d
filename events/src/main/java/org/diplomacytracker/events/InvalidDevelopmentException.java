package org.diplomacytracker.events;

/**
 * A development that cannot be what it claims to be: malformed JSON, an unknown type, a missing or
 * ill-typed field, a value outside its rules. The message is written for the user who sent it;
 * {@link #field()} is the dotted JSON path of the offending member ({@code source.outlet},
 * {@code provisions.0.issue}) or {@code null} when no single field is to blame.
 */
public class InvalidDevelopmentException extends RuntimeException {

    private final String field;

    public InvalidDevelopmentException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The dotted path of the offending field, or {@code null}. */
    public String field() {
        return field;
    }

    /** The same problem seen from an enclosing object: {@code prefix} goes in front of the field. */
    public InvalidDevelopmentException under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        String path = field == null ? prefix : prefix + "." + field;
        String message = getMessage();
        if (field == null) {
            // a value object (an id, a stance) knows its rule ("must be …") but not where it stands;
            // a rule on no single field ("give exactly one of …") is told apart by a colon
            message = prefix + (message.startsWith("must ") ? " " : ": ") + message;
        } else if (message.startsWith(field)) {
            message = path + message.substring(field.length());
        }
        return new InvalidDevelopmentException(path, message);
    }
}
