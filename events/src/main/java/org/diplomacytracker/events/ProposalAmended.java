package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A proposal's provisions replaced by a new list. */
public record ProposalAmended(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, ProposalId proposal, List<Provision> provisions, String note) implements Development {

    public ProposalAmended {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("proposal", proposal);
        provisions = Rules.list("provisions", provisions, "provision", false, false);
        note = Texts.optionalProse("note", note);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList()
                .proposal("proposal", proposal)
                .provisions("provisions", provisions)
                .toList();
    }
}
