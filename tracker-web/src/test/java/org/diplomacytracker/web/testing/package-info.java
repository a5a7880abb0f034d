/**
 * Fixtures of the web tests: a tracker and server running in-process ({@link RunningTracker}) or as the
 * packaged jar ({@link TrackerJar}), a real HTTP client ({@link Api}), the demo data set read as the
 * oracle ({@link DemoData}, {@link DemoReads}) and the shape every refusal must have ({@link Problems}).
 */
package org.diplomacytracker.web.testing;
