/**
 * The JDBC event store: connection pool, thread-bound transactions (Axon has none without Spring),
 * table DDL for H2 and PostgreSQL, and the few direct reads of the event table the tracker needs.
 */
package org.diplomacytracker.core.store;
