package org.diplomacytracker.web.api;

import java.util.concurrent.CompletionException;
import org.diplomacytracker.core.process.DevelopmentRefusedException;
import org.diplomacytracker.core.process.Refusal;
import org.diplomacytracker.core.store.StoreUnavailableException;
import org.diplomacytracker.core.transfer.NdjsonLineException;
import org.diplomacytracker.events.InvalidDevelopmentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what core throws into problems: the status that fits, the user's message, no internals. */
final class Errors {

    private static final Logger log = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    static Problem invalid(InvalidDevelopmentException e) {
        return Problem.of(400, "invalid-development", "Invalid development", e.getMessage()).withField(e.field());
    }

    static Problem invalidLine(NdjsonLineException e) {
        return invalid(e.problem()).atLine(e.line());
    }

    static Problem refused(DevelopmentRefusedException e) {
        Refusal refusal = e.refusal();
        int status = refusal.isConflict() ? 409 : 422;
        String title = switch (refusal) {
            case UNKNOWN_PROCESS -> "Unknown process";
            case UNKNOWN_REFERENCE -> "Unknown reference";
            case OFFICE_NOT_HELD -> "Office not held";
            case ID_CONFLICT -> "Id already recorded with other content";
            case PROCESS_ALREADY_OPENED -> "Process already opened";
            case ALREADY_DEFINED -> "Already defined";
            case ALREADY_RETRACTED -> "Already retracted";
            case NOT_CORRECTABLE -> "Not correctable";
            case CORRECTION_CHANGES_IDENTITY -> "Correction changes identity";
        };
        return Problem.of(status, refusal.name().toLowerCase().replace('_', '-'), title, e.getMessage())
                .withField(e.field());
    }

    /** Anything unexpected: logged here in full, answered with no detail of it. */
    static Problem unexpected(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof StoreUnavailableException || isDatabaseDown(cause)) {
            log.error("the event store is unavailable", cause);
            return Problem.of(503, "store-unavailable", "Store unavailable",
                    "the event store cannot be reached right now; nothing was stored, try again later");
        }
        log.error("unexpected failure while handling a request", cause);
        return Problem.of(500, "internal-error", "Internal error",
                "the tracker failed to handle this request; nothing was stored. The server log has the details.");
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isDatabaseDown(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLTransientConnectionException || c instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
