package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A person leaves the envoy office they held. */
public record EnvoyLeft(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, ActorId person, String office) implements Development {

    public EnvoyLeft {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("person", person);
        office = Texts.line("office", office);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList().actor("person", person).toList();
    }
}
