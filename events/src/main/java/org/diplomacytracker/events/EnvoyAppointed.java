package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A person takes an envoy office; it replaces any office they held in the process. */
public record EnvoyAppointed(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, ActorId person, String office, ActorId appointedBy, ActorId represents, String mandate)
        implements Development {

    public EnvoyAppointed {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("person", person);
        office = Texts.line("office", office);
        Rules.required("appointedBy", appointedBy);
        Rules.required("represents", represents);
        mandate = Texts.optionalProse("mandate", mandate);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList()
                .actor("person", person)
                .actor("appointedBy", appointedBy)
                .actor("represents", represents)
                .toList();
    }
}
