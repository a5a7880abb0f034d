/**
 * The tracker's core: Axon configured without Spring, the command side that keeps each peace process
 * consistent, the JDBC event store, and the read models the web layer queries. Never imports Vert.x.
 */
package org.diplomacytracker.core;
