package org.diplomacytracker.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import org.diplomacytracker.events.Source;

/**
 * One version of a position as known at some instant: the development as first recorded or a
 * correction's replacement ({@code correction} names the correction that brought it), marked with
 * the standing retraction ({@code retractedBy}) or the correction that replaced it
 * ({@code correctedBy}), null when none. The development's optional members ({@code speaker},
 * {@code quote}, {@code conditions}) are omitted when absent, as everywhere on the wire.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PositionVersion(String development, LocalDate occurredOn, Instant recordedAt, String stance,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String speaker,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String quote,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String conditions, Source source, String retractedBy,
                              String correctedBy, @JsonInclude(JsonInclude.Include.NON_NULL) String correction) {
}
