package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Introduces an actor to the process; {@code actor} is the id it defines. */
public record ActorRegistered(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, ActorId actor, String name, ActorKind kind, ActorId affiliation, String role)
        implements Development {

    public ActorRegistered {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("actor", actor);
        name = Texts.line("name", name);
        Rules.required("kind", kind);
        if (actor.equals(affiliation)) {
            throw new InvalidDevelopmentException("affiliation",
                    "affiliation must name another actor than '" + actor + "' itself");
        }
        role = Texts.optionalLine("role", role);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList().actor("affiliation", affiliation).toList();
    }
}
