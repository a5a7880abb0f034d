/**
 * The live protocol at {@code /api/live}: websocket connections subscribe to views (process, asOf,
 * knownAt); the hub follows core's change feed and sends each view's JSON Patch updates, computed
 * and encoded once per view, with resume, backpressure and keepalive.
 */
package org.diplomacytracker.web.live;
