/**
 * NDJSON in and out: a stream of developments, one per line, read in batches that remember each
 * development's line so that a refusal can name it. Used by the HTTP API, import, export and the demo.
 */
package org.diplomacytracker.core.transfer;
