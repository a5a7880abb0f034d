/**
 * The dashboard: the page at {@code /}, its own scripts and styles, and the third-party browser code
 * from WebJars, all served from the jar. The page reads the REST API and follows {@code /api/live}.
 */
package org.diplomacytracker.web.dashboard;
