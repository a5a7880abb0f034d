package org.diplomacytracker.core.process;

/**
 * Why a development was refused. {@link #isConflict()} separates a clash with what was recorded
 * (the same id with other content, a second retraction) from a development that cannot apply at
 * all (an unknown reference, an office the person does not hold).
 */
public enum Refusal {
    /** The process has not been opened: its first development must be ProcessOpened. */
    UNKNOWN_PROCESS(false),
    /** A reference to an actor, issue, area, proposal or development not recorded earlier. */
    UNKNOWN_REFERENCE(false),
    /** EnvoyLeft for an office the person does not hold. */
    OFFICE_NOT_HELD(false),
    /** The same id was recorded with other content. */
    ID_CONFLICT(true),
    /** ProcessOpened again for an opened process. */
    PROCESS_ALREADY_OPENED(true),
    /** An actor, issue, area or proposal defined twice. */
    ALREADY_DEFINED(true),
    /** A retraction or correction of a development whose standing retraction has not been undone. */
    ALREADY_RETRACTED(true),
    /** A correction of a retraction or of a correction. */
    NOT_CORRECTABLE(true),
    /** A correction that changes the type, or the actor/issue/area/proposal a definition defines. */
    CORRECTION_CHANGES_IDENTITY(true);

    private final boolean conflict;

    Refusal(boolean conflict) {
        this.conflict = conflict;
    }

    public boolean isConflict() {
        return conflict;
    }
}
