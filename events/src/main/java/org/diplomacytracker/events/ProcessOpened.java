package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The first development of a process: its title and principal sides. */
public record ProcessOpened(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, String title, List<ActorId> parties) implements Development {

    public ProcessOpened {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        title = Texts.line("title", title);
        parties = Rules.list("parties", parties, "actor", true, true);
    }

    /** None: the parties name actors that will be registered in the process. */
    @Override
    public List<Reference> references() {
        return List.of();
    }
}
