package org.diplomacytracker.core.transfer;

import java.time.Instant;
import org.diplomacytracker.core.store.Submission;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentJson;

/**
 * One line of an export: {@code {"recordedAt":"…","development":{…}}}, the development with the time it
 * was recorded, to the millisecond as the store keeps it. {@link NdjsonReader#ofExport} reads it back.
 */
public final class ExportLine {

    /** The members of an export's line. */
    static final String RECORDED_AT = "recordedAt";
    static final String DEVELOPMENT = "development";

    private ExportLine() {
    }

    /** The line for a development recorded at {@code recordedAt}, without its line end. */
    public static String of(Development development, Instant recordedAt) {
        return "{\"" + RECORDED_AT + "\":\"" + Submission.text(recordedAt) + "\",\"" + DEVELOPMENT + "\":"
                + DevelopmentJson.write(development) + "}";
    }
}
