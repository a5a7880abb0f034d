/**
 * The Vert.x server: the HTTP API, authentication and configuration, and the {@code main} that
 * starts it all. Thin: it translates between the wire and tracker-core, and never decides.
 */
package org.diplomacytracker.web;
