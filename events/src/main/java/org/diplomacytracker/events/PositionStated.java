package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An actor's stance on exactly one issue or one proposal, possibly voiced by a speaker. */
public record PositionStated(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, ActorId actor, ActorId speaker, IssueId issue, ProposalId proposal, Stance stance,
        String quote, String conditions) implements Development {

    public PositionStated {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("actor", actor);
        if ((issue == null) == (proposal == null)) {
            // no single field is to blame
            throw new InvalidDevelopmentException(null, "give exactly one of issue or proposal; "
                    + (issue == null ? "neither was given" : "both were given"));
        }
        Rules.required("stance", stance);
        quote = Texts.optionalProse("quote", quote);
        conditions = Texts.optionalProse("conditions", conditions);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList()
                .actor("actor", actor)
                .actor("speaker", speaker)
                .issue("issue", issue)
                .proposal("proposal", proposal)
                .toList();
    }
}
