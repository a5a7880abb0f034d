package org.diplomacytracker.core.state;

import java.time.LocalDate;
import org.diplomacytracker.events.Development;

/**
 * One version of a slot's content: the development as first recorded — the {@link Slot} itself, so
 * that the common case costs no object of its own — or a correction's {@link Replacement}. It sorts
 * by its own date and by its slot's place in recorded order, so that a correction keeps its target's
 * place.
 */
abstract sealed class Incarnation implements Comparable<Incarnation> permits Slot, Incarnation.Replacement {

    /** The slot whose content this is. */
    abstract Slot slot();

    /** The slot that says so: {@link #slot()} for the original, the correction for a replacement. */
    abstract Slot via();

    /** What this version says. */
    abstract Development content();

    LocalDate occurredOn() {
        return content().occurredOn();
    }

    boolean original() {
        return via() == slot();
    }

    /** Whether this version is what the slot says under the cut. */
    boolean counts(Cut cut) {
        Slot slot = slot();
        if (!slot.standing(cut)) {
            return false;
        }
        Slot inForce = slot.inForce(cut);
        return original() ? inForce == null : inForce == via();
    }

    @Override
    public int compareTo(Incarnation other) {
        int c = occurredOn().compareTo(other.occurredOn());
        if (c != 0) {
            return c;
        }
        c = Long.compare(slot().offset, other.slot().offset);
        return c != 0 ? c : Long.compare(via().offset, other.via().offset);
    }

    /** A correction's replacement of its target's content. */
    static final class Replacement extends Incarnation {
        private final Slot slot;
        private final Slot via;
        private final Development content;

        Replacement(Slot slot, Slot via, Development content) {
            this.slot = slot;
            this.via = via;
            this.content = content;
        }

        @Override
        Slot slot() {
            return slot;
        }

        @Override
        Slot via() {
            return via;
        }

        @Override
        Development content() {
            return content;
        }

        @Override
        public String toString() {
            return "Replacement[" + slot.id() + " via " + via.id() + "]";
        }
    }
}
