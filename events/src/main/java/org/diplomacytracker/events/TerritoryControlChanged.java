package org.diplomacytracker.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An area changes hands, or its control becomes contested. */
public record TerritoryControlChanged(DevelopmentId id, ProcessId process, LocalDate occurredOn,
        Instant reportedAt, Source source, AreaId area, ActorId controller, ControlStatus status,
        ActorId previousController) implements Development {

    public TerritoryControlChanged {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("area", area);
        Rules.required("controller", controller);
        Rules.required("status", status);
    }

    @Override
    public List<Reference> references() {
        return new ReferenceList()
                .area("area", area)
                .actor("controller", controller)
                .actor("previousController", previousController)
                .toList();
    }
}
