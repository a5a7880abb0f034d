package org.diplomacytracker.core.transfer;

import org.diplomacytracker.events.InvalidDevelopmentException;

/** A line of NDJSON that is no valid development: which line, and what is wrong with it. */
public class NdjsonLineException extends RuntimeException {

    private final int line;
    private final InvalidDevelopmentException problem;

    public NdjsonLineException(int line, InvalidDevelopmentException problem) {
        super("line " + line + ": " + problem.getMessage(), null, false, false);
        this.line = line;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    public InvalidDevelopmentException problem() {
        return problem;
    }
}
