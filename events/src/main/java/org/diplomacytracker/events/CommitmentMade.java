package org.diplomacytracker.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An actor considers, pledges, delivers or withdraws troops, aid, money, a guarantee… */
public record CommitmentMade(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, ActorId actor, CommitmentKind kind, ActorId recipient, BigDecimal amount, String unit,
        String description, CommitmentStatus status) implements Development {

    public CommitmentMade {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("actor", actor);
        Rules.required("kind", kind);
        amount = Rules.optionalQuantity("amount", amount);
        unit = Texts.optionalLine("unit", unit);
        description = Texts.optionalProse("description", description);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList()
                .actor("actor", actor)
                .actor("recipient", recipient)
                .toList();
    }
}
