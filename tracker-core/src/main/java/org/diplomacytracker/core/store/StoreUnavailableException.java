package org.diplomacytracker.core.store;

/** The event store cannot be reached or opened; the message says why in a user's words. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
