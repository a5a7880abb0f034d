package org.diplomacytracker.core.state;

import java.time.Instant;

/**
 * What was known: every event recorded at or before {@code knownAt} and at or below {@code maxOffset}
 * (the offset up to which the index has every event, so that no answer shows an event while missing
 * an earlier one).
 */
record Cut(Instant knownAt, long maxOffset) {
}
