package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A reported development in a peace process: the envelope every type shares. Each type is an
 * immutable record whose compact constructor enforces its rules; {@link DevelopmentJson} reads and
 * writes the wire JSON.
 *
 * <p>{@code type} is written as an ordinary property (EXISTING_PROPERTY) so that it can stand third,
 * after {@code id} and {@code process}, as in the published examples; the names here must match
 * {@link DevelopmentType}, which a test checks.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ProcessOpened.class, name = "ProcessOpened"),
        @JsonSubTypes.Type(value = ActorRegistered.class, name = "ActorRegistered"),
        @JsonSubTypes.Type(value = IssueDefined.class, name = "IssueDefined"),
        @JsonSubTypes.Type(value = AreaDefined.class, name = "AreaDefined"),
        @JsonSubTypes.Type(value = EnvoyAppointed.class, name = "EnvoyAppointed"),
        @JsonSubTypes.Type(value = EnvoyLeft.class, name = "EnvoyLeft"),
        @JsonSubTypes.Type(value = PositionStated.class, name = "PositionStated"),
        @JsonSubTypes.Type(value = ProposalTabled.class, name = "ProposalTabled"),
        @JsonSubTypes.Type(value = ProposalAmended.class, name = "ProposalAmended"),
        @JsonSubTypes.Type(value = ProposalWithdrawn.class, name = "ProposalWithdrawn"),
        @JsonSubTypes.Type(value = TalksHeld.class, name = "TalksHeld"),
        @JsonSubTypes.Type(value = TerritoryControlChanged.class, name = "TerritoryControlChanged"),
        @JsonSubTypes.Type(value = CommitmentMade.class, name = "CommitmentMade"),
        @JsonSubTypes.Type(value = DevelopmentRetracted.class, name = "DevelopmentRetracted"),
        @JsonSubTypes.Type(value = DevelopmentCorrected.class, name = "DevelopmentCorrected")
})
@JsonPropertyOrder({"id", "process", "type", "occurredOn", "reportedAt", "source"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Development permits ProcessOpened, ActorRegistered, IssueDefined, AreaDefined,
        EnvoyAppointed, EnvoyLeft, PositionStated, ProposalTabled, ProposalAmended, ProposalWithdrawn,
        TalksHeld, TerritoryControlChanged, CommitmentMade, DevelopmentRetracted, DevelopmentCorrected {

    /** The idempotency key, unique within the process. */
    DevelopmentId id();

    ProcessId process();

    /** Valid time: the day the development happened. */
    LocalDate occurredOn();

    /** When the source reported it; {@code null} when not given. */
    Instant reportedAt();

    Source source();

    /** The wire name and revision of this development's type. */
    @JsonProperty("type")
    default DevelopmentType type() {
        return DevelopmentType.of(getClass());
    }

    /**
     * Everything this development refers to that must have been recorded earlier in its process,
     * in the order the fields appear. {@code ProcessOpened}'s parties are not references.
     */
    @JsonIgnore
    List<Reference> references();
}
