package org.diplomacytracker.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The entries of a {@link NegotiationState}, one record per section, shaped as DESIGN.md's state
 * JSON. Absent optional members are null and omitted when written.
 */
public final class Entries {

    private Entries() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actor(String name, String kind, String affiliation, String role) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Issue(String title, String description, Double convergence) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Envoy(String office, String represents, String appointedBy, LocalDate since, String development,
                        String mandate) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Position(String stance, LocalDate since, String speaker, String quote, String conditions,
                           String development) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provision(String issue, String term) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Proposal(String title, String sponsor, String status, LocalDate since, List<Provision> provisions,
                           List<String> support, List<String> opposition, String development) {
        public Proposal {
            provisions = List.copyOf(provisions);
            support = List.copyOf(support);
            opposition = List.copyOf(opposition);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Territory(String controller, String status, LocalDate since, String previousController,
                            String development) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Commitment(String actor, String kind, String recipient, BigDecimal amount, String unit,
                             String description, String status, LocalDate occurredOn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Talks(List<String> participants, String venue, String format, List<String> topics,
                        String outcome, LocalDate occurredOn) {
        public Talks {
            participants = List.copyOf(participants);
            topics = topics == null ? null : List.copyOf(topics);
        }
    }
}
