/**
 * Which retractions and corrections stand: the bookkeeping shared by the command side, which refuses
 * misuses, and the read models, which report {@code retractedBy} and {@code correctedBy}.
 */
package org.diplomacytracker.core.amendment;
