package org.diplomacytracker.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of development types with their stable wire names and revisions. The wire name is
 * also the name the event store persists, so it never changes with the Java class; a change of a
 * type's shape bumps its revision.
 */
public enum DevelopmentType {
    PROCESS_OPENED("ProcessOpened", ProcessOpened.class),
    ACTOR_REGISTERED("ActorRegistered", ActorRegistered.class),
    ISSUE_DEFINED("IssueDefined", IssueDefined.class),
    AREA_DEFINED("AreaDefined", AreaDefined.class),
    ENVOY_APPOINTED("EnvoyAppointed", EnvoyAppointed.class),
    ENVOY_LEFT("EnvoyLeft", EnvoyLeft.class),
    POSITION_STATED("PositionStated", PositionStated.class),
    PROPOSAL_TABLED("ProposalTabled", ProposalTabled.class),
    PROPOSAL_AMENDED("ProposalAmended", ProposalAmended.class),
    PROPOSAL_WITHDRAWN("ProposalWithdrawn", ProposalWithdrawn.class),
    TALKS_HELD("TalksHeld", TalksHeld.class),
    TERRITORY_CONTROL_CHANGED("TerritoryControlChanged", TerritoryControlChanged.class),
    COMMITMENT_MADE("CommitmentMade", CommitmentMade.class),
    DEVELOPMENT_RETRACTED("DevelopmentRetracted", DevelopmentRetracted.class),
    DEVELOPMENT_CORRECTED("DevelopmentCorrected", DevelopmentCorrected.class);

    /** Every type is at revision 1 until its shape changes. */
    public static final String REVISION = "1";

    private static final Map<String, DevelopmentType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(DevelopmentType::wireName, Function.identity()));
    private static final Map<Class<?>, DevelopmentType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(DevelopmentType::javaType, Function.identity()));

    private final String wireName;
    private final Class<? extends Development> javaType;

    DevelopmentType(String wireName, Class<? extends Development> javaType) {
        this.wireName = wireName;
        this.javaType = javaType;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Class<? extends Development> javaType() {
        return javaType;
    }

    public String revision() {
        return REVISION;
    }

    public static Optional<DevelopmentType> byWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    public static Optional<DevelopmentType> byClass(Class<?> type) {
        return Optional.ofNullable(BY_CLASS.get(type));
    }

    static DevelopmentType of(Class<?> type) {
        DevelopmentType t = BY_CLASS.get(type);
        if (t == null) {
            throw new IllegalArgumentException("not a development type: " + type.getName());
        }
        return t;
    }

    /** True for the two types that speak about another development rather than the process. */
    public boolean isAmendment() {
        return this == DEVELOPMENT_RETRACTED || this == DEVELOPMENT_CORRECTED;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
