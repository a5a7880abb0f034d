/**
 * The ordered change feed that live views follow: every development the read models apply, released
 * in the store's offset order — never one while an earlier one may still commit — with a bounded
 * per-process buffer of recent changes for clients that resume.
 */
package org.diplomacytracker.core.live;
