package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The target report was wrong in its details: from now on {@code replacement}, a full development
 * with the target's id, stands in its place.
 */
public record DevelopmentCorrected(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, DevelopmentId target, Development replacement) implements Development {

    public DevelopmentCorrected {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("target", target);
        if (target.equals(id)) {
            throw new InvalidDevelopmentException("target",
                    "target must name an earlier development, not this correction's own id '" + id + "'");
        }
        Rules.required("replacement", replacement);
        if (replacement.type().isAmendment()) {
            throw new InvalidDevelopmentException("replacement.type", "replacement.type must not be "
                    + replacement.type() + ": retractions and corrections cannot be corrected, only retracted");
        }
        if (!replacement.id().equals(target)) {
            throw new InvalidDevelopmentException("replacement.id",
                    "replacement.id must equal the target '" + target + "', got '" + replacement.id() + "'");
        }
        if (!replacement.process().equals(process)) {
            throw new InvalidDevelopmentException("replacement.process", "replacement.process must equal the "
                    + "correction's process '" + process + "', got '" + replacement.process() + "'");
        }
    }

    /** The target, then what the replacement refers to. */
    @Override
    public List<Reference> references() {
        return new ReferenceList()
                .development("target", target)
                .nested("replacement", replacement.references())
                .toList();
    }
}
