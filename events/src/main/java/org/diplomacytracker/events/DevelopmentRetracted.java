package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The target report was false: from now on it counts at no date. */
public record DevelopmentRetracted(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, DevelopmentId target, String reason) implements Development {

    public DevelopmentRetracted {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("target", target);
        if (target.equals(id)) {
            throw new InvalidDevelopmentException("target",
                    "target must name an earlier development, not this retraction's own id '" + id + "'");
        }
        reason = Texts.prose("reason", reason);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList().development("target", target).toList();
    }
}
