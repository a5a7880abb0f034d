/**
 * Load drivers run on demand, never by {@code mvn verify}: this module has no tests, and its main
 * classes start only when called ({@code java -cp …} or {@code mvn -pl benchmarks exec:exec}).
 *
 * <p>{@link org.diplomacytracker.benchmarks.IngestBenchmark} measures NDJSON ingest over HTTP
 * against the real server (a separate JVM, as deployed) beside two floors measured in the same run:
 * Axon's own {@code EventStore.publish} (the framework floor) and a plain JDBC batch insert into a
 * table shaped like Axon's (the physical floor). {@link org.diplomacytracker.benchmarks.SyntheticDevelopments}
 * generates the deterministic data set they share. docs/performance.md has the command and results.
 */
package org.diplomacytracker.benchmarks;
