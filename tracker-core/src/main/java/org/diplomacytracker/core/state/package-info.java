/**
 * The negotiation state as of any date, as known at any time: a bitemporal index of every state
 * section (actors, issues with convergence, envoys, positions, proposals, territory, commitments,
 * talks), answering {@code state}, {@code history} and {@code diff} without replaying history.
 */
package org.diplomacytracker.core.state;
