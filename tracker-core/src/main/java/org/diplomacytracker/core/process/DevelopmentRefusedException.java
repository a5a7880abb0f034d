package org.diplomacytracker.core.process;

/**
 * A development the process refuses. {@link #position()} is its 0-based place in the command that
 * carried it (the recorder turns it into the place in the whole submission), {@link #field()} the
 * dotted JSON path to blame or {@code null}, and the message is written for the user.
 */
public class DevelopmentRefusedException extends RuntimeException {

    private final Refusal refusal;
    private final String field;
    private final int position;
    private final long knownSequence;

    public DevelopmentRefusedException(Refusal refusal, String field, String message, int position) {
        this(refusal, field, message, position, -1);
    }

    /** {@code knownSequence}: the last event of the process's stream the deciding copy had read. */
    public DevelopmentRefusedException(Refusal refusal, String field, String message, int position,
                                       long knownSequence) {
        super(message, null, false, false);
        this.refusal = refusal;
        this.field = field;
        this.position = position;
        this.knownSequence = knownSequence;
    }

    public Refusal refusal() {
        return refusal;
    }

    public String field() {
        return field;
    }

    public int position() {
        return position;
    }

    public long knownSequence() {
        return knownSequence;
    }

    /** The same refusal placed at another position (its place in the whole submission). */
    public DevelopmentRefusedException at(int newPosition) {
        return new DevelopmentRefusedException(refusal, field, getMessage(), newPosition, knownSequence);
    }
}
