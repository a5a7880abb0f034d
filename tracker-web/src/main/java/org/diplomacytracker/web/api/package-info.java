/**
 * The REST API of DESIGN.md: routes that decode a request, hand it to tracker-core, and encode the
 * outcome — a JSON body, or an {@code application/problem+json} error written for the user.
 */
package org.diplomacytracker.web.api;
