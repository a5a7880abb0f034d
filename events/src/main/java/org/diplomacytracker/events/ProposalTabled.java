package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A proposal put on the table; {@code proposal} is the id it defines. */
public record ProposalTabled(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, ProposalId proposal, String title, ActorId sponsor, List<Provision> provisions)
        implements Development {

    public ProposalTabled {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("proposal", proposal);
        title = Texts.line("title", title);
        Rules.required("sponsor", sponsor);
        provisions = Rules.list("provisions", provisions, "provision", false, false);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList()
                .actor("sponsor", sponsor)
                .provisions("provisions", provisions)
                .toList();
    }
}
