package org.diplomacytracker.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Introduces an area whose control is tracked; {@code area} is the id it defines. */
public record AreaDefined(DevelopmentId id, ProcessId process, LocalDate occurredOn, Instant reportedAt,
        Source source, AreaId area, String name, BigDecimal areaKm2) implements Development {

    public AreaDefined {
        Rules.envelope(id, process, occurredOn, reportedAt, source);
        Rules.required("area", area);
        name = Texts.line("name", name);
        areaKm2 = Rules.optionalQuantity("areaKm2", areaKm2);
    }

    @Override
    public List<Reference> references() {
        return List.of();
    }
}
