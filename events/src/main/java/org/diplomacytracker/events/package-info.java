/**
 * The published language of the tracker: every development type as an immutable record, the value
 * types they carry, and the mapping to and from the wire JSON. Knows only the JDK and Jackson.
 */
package org.diplomacytracker.events;
