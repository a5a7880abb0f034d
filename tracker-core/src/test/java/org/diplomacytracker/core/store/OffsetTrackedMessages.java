package org.diplomacytracker.core.store;

import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;

/** Events as the processor's stream hands them on, with their offsets: for tests outside this package. */
public final class OffsetTrackedMessages {

    private OffsetTrackedMessages() {
    }

    public static <T> OffsetTrackedMessage<T> of(GenericTrackedDomainEventMessage<T> event, long offset) {
        return new OffsetTrackedMessage<>(event.trackingToken(), event, offset);
    }
}
