package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A proposal taken off the table. */
public record ProposalWithdrawn(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, ProposalId proposal, String reason) implements Development {

    public ProposalWithdrawn {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("proposal", proposal);
        reason = Texts.optionalProse("reason", reason);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList().proposal("proposal", proposal).toList();
    }
}
