package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Introduces an issue under negotiation; {@code issue} is the id it defines. */
public record IssueDefined(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, IssueId issue, String title, String description) implements Development {

    public IssueDefined {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("issue", issue);
        title = Texts.line("title", title);
        description = Texts.optionalProse("description", description);
    }

    @Override
    public List<Reference> references() {
        return List.of();
    }
}
