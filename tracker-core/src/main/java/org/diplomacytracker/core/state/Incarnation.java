package org.diplomacytracker.core.state;

import java.time.LocalDate;
import org.diplomacytracker.events.Development;

/**
 * One version of a slot's content: the development as first recorded ({@code via == slot}), or a
 * correction's replacement ({@code via} = the correction). It sorts by its own date and by its
 * slot's place in recorded order, so that a correction keeps its target's place.
 */
record Incarnation(Slot slot, Slot via, Development content) implements Comparable<Incarnation> {

    LocalDate occurredOn() {
        return content.occurredOn();
    }

    boolean original() {
        return via == slot;
    }

    /** Whether this version is what the slot says under the cut. */
    boolean counts(Cut cut) {
        if (!slot.standing(cut)) {
            return false;
        }
        Slot inForce = slot.inForce(cut);
        return original() ? inForce == null : inForce == via;
    }

    @Override
    public int compareTo(Incarnation other) {
        int c = occurredOn().compareTo(other.occurredOn());
        if (c != 0) {
            return c;
        }
        c = Long.compare(slot.offset, other.slot.offset);
        return c != 0 ? c : Long.compare(via.offset, other.via.offset);
    }
}
