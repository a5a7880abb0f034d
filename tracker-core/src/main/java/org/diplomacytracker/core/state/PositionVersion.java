package org.diplomacytracker.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import org.diplomacytracker.events.Source;

/**
 * One version of a position as known at some instant: the development as first recorded or a
 * correction's replacement ({@code correction} names the correction that brought it), marked with
 * the standing retraction ({@code retractedBy}) or the correction that replaced it
 * ({@code correctedBy}), null when none.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PositionVersion(String development, LocalDate occurredOn, Instant recordedAt, String stance,
                              String speaker, String quote, String conditions, Source source, String retractedBy,
                              String correctedBy, @JsonInclude(JsonInclude.Include.NON_NULL) String correction) {
}
