/**
 * The command side: one event-sourced {@link org.diplomacytracker.core.process.PeaceProcess} per
 * process decides whether a development may be recorded — references, idempotency, the rules of
 * retraction, correction and envoy offices — and appends it.
 */
package org.diplomacytracker.core.process;
