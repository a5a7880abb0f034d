package org.diplomacytracker.core.catalogue;

import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.diplomacytracker.events.Development;

/** Feeds the {@link Catalogue} from the event store's stream, with each event's global offset. */
public final class CatalogueProjection {

    /** The name of the processor that runs this projection. */
    public static final String PROCESSOR = "catalogue";

    private final Catalogue catalogue;

    public CatalogueProjection(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @EventHandler
    void on(Development development, TrackingToken token, @Timestamp Instant recordedAt) {
        long offset = token.position().orElseThrow(
                () -> new IllegalStateException("the event store gave no global position for '"
                        + development.id() + "'"));
        catalogue.apply(development, offset, recordedAt);
    }
}
