/**
 * The catalogue of what was recorded: the processes, each development with its offset, recorded
 * time and standing retraction or corrections, and the timeline in valid-time order. Fed by the
 * read-model projection from the event store, never by command results.
 */
package org.diplomacytracker.core.catalogue;
