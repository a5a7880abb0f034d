package org.diplomacytracker.web.api;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters, read strictly: an ill-formed one is a 400 naming it. */
final class Params {

    private Params() {
    }

    /** A query parameter the client got wrong. */
    static final class BadParameter extends RuntimeException {
        final transient Problem problem;

        BadParameter(String field, String detail) {
            super(detail, null, false, false);
            this.problem = Problem.of(400, "invalid-parameter", "Invalid query parameter", detail).withField(field);
        }
    }

    static String text(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static LocalDate date(RoutingContext ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, name + " must be an ISO date like 2024-11-27, got '" + shorten(value) + "'");
        }
    }

    static LocalDate requiredDate(RoutingContext ctx, String name) {
        LocalDate date = date(ctx, name);
        if (date == null) {
            throw new BadParameter(name, name + " is required: an ISO date like 2024-11-27");
        }
        return date;
    }

    /** {@code asOf}: a date, or "latest"/"live"/absent for no date limit (null). */
    static LocalDate asOf(RoutingContext ctx) {
        String value = text(ctx, "asOf");
        if (value == null || value.equals("latest") || value.equals("live")) {
            return null;
        }
        return date(ctx, "asOf");
    }

    /**
     * {@code knownAt}: an ISO instant ({@code 2024-11-20T12:00:00Z}, an offset allowed), or a bare date
     * meaning the end of that day in UTC; null when absent (now).
     */
    static Instant knownAt(RoutingContext ctx) {
        String value = text(ctx, "knownAt");
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
            }
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameter("knownAt", "knownAt must be an ISO instant like 2024-11-20T12:00:00Z or a date "
                    + "like 2024-11-20 (the end of that day, UTC), got '" + shorten(value) + "'");
        }
    }

    static String shorten(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 37) + "...";
    }
}
