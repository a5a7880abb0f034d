package org.diplomacytracker.core.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.diplomacytracker.events.Development;

/**
 * One recorded development and the retractions and corrections later recorded against it; also its
 * original {@link Incarnation}. Whether it counts depends on what was known: {@link #visible},
 * {@link #standing} and {@link #inForce} answer for a cut (known at an instant, up to an offset)
 * without replaying anything.
 */
final class Slot extends Incarnation {

    final Development development;
    /** The development's id, kept here: states read it for every entry they show. */
    private final String id;
    final long offset;
    final Instant recordedAt;
    /** Retractions of this slot, in recorded order. */
    List<Slot> retractions = List.of();
    /** Corrections of this slot, in recorded order. */
    List<Slot> corrections = List.of();

    Slot(Development development, long offset, Instant recordedAt) {
        this.development = development;
        this.id = development.id().value();
        this.offset = offset;
        this.recordedAt = recordedAt;
    }

    String id() {
        return id;
    }

    /** As an incarnation, a slot is its development as first recorded. */
    @Override
    Slot slot() {
        return this;
    }

    @Override
    Slot via() {
        return this;
    }

    @Override
    Development content() {
        return development;
    }

    @Override
    boolean original() {
        return true;
    }

    @Override
    public String toString() {
        return "Slot[" + id() + " @" + offset + "]";
    }

    void addRetraction(Slot retraction) {
        if (retractions.isEmpty()) {
            retractions = new ArrayList<>(1);
        }
        retractions.add(retraction);
    }

    void addCorrection(Slot correction) {
        if (corrections.isEmpty()) {
            corrections = new ArrayList<>(1);
        }
        corrections.add(correction);
    }

    boolean visible(Cut cut) {
        return offset <= cut.maxOffset() && !recordedAt.isAfter(cut.knownAt());
    }

    /** Visible and not taken out by a standing retraction. */
    boolean standing(Cut cut) {
        return visible(cut) && retractedBy(cut) == null;
    }

    /** The standing retraction of this slot under the cut, or null. */
    Slot retractedBy(Cut cut) {
        for (int i = retractions.size() - 1; i >= 0; i--) {
            Slot r = retractions.get(i);
            if (r.standing(cut)) {
                return r;
            }
        }
        return null;
    }

    /** The correction in force under the cut: the latest recorded standing one, or null. */
    Slot inForce(Cut cut) {
        for (int i = corrections.size() - 1; i >= 0; i--) {
            Slot c = corrections.get(i);
            if (c.standing(cut)) {
                return c;
            }
        }
        return null;
    }
}
