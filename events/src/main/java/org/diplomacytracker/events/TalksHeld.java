package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A round of talks between participants, optionally on listed topics. */
public record TalksHeld(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, List<ActorId> participants, String venue, TalksFormat format, List<IssueId> topics,
        String outcome) implements Development {

    public TalksHeld {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        participants = Rules.list("participants", participants, "actor", true, true);
        venue = Texts.optionalLine("venue", venue);
        Rules.required("format", format);
        topics = Rules.optionalList("topics", topics, "issue", true);
        outcome = Texts.optionalProse("outcome", outcome);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList()
                .actors("participants", participants)
                .issues("topics", topics)
                .toList();
    }
}
