package org.diplomacytracker.web.cli;

/** A failure the user can act on, reported as its message alone. */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message, null, false, false);
    }
}
