package org.diplomacytracker.web.live;

import java.time.Instant;
import java.time.LocalDate;

/** What a view shows: a process, as of a date (null: live), as known at an instant (null: now). */
record ViewKey(String process, LocalDate asOf, Instant knownAt) {

    /** The asOf the client named, as echoed on every message. */
    String asOfWire() {
        return asOf == null ? "live" : asOf.toString();
    }
}
