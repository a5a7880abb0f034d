package org.diplomacytracker.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import org.diplomacytracker.core.state.StateIndex;

/**
 * The negotiation state as of a date, as known at a time: {@code /state}, a position's
 * {@code /history}, and the {@code /diff} between two dates.
 */
public final class StateRoutes {

    /** Core's state values as the wire has them: ISO dates and instants, absent members omitted. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final StateIndex index;

    public StateRoutes(StateIndex index) {
        this.index = index;
    }

    public void mount(Router router) {
        ReadRoutes.read(router, "/api/processes/:process/state").handler(this::state);
        ReadRoutes.read(router, "/api/processes/:process/positions/:actor/:issue/history").handler(this::history);
        ReadRoutes.read(router, "/api/processes/:process/diff").handler(this::diff);
    }

    private void state(RoutingContext ctx) {
        String process = ctx.pathParam("process");
        LocalDate asOf;
        Instant knownAt;
        try {
            asOf = Params.asOf(ctx);
            knownAt = Params.knownAt(ctx);
        } catch (Params.BadParameter e) {
            e.problem.send(ctx.response());
            return;
        }
        index.state(process, asOf, knownAt).ifPresentOrElse(
                s -> Json.send(ctx, 200, MAPPER.valueToTree(s)),
                () -> noProcess(ctx, process));
    }

    private void history(RoutingContext ctx) {
        String process = ctx.pathParam("process");
        String actor = ctx.pathParam("actor");
        String issue = ctx.pathParam("issue");
        Instant knownAt;
        try {
            knownAt = Params.knownAt(ctx);
        } catch (Params.BadParameter e) {
            e.problem.send(ctx.response());
            return;
        }
        StateIndex.HistoryAnswer answer = index.history(process, actor, issue, knownAt);
        if (answer.missing() != null) {
            String detail = switch (answer.missing()) {
                case PROCESS -> "there is no process '" + process + "'";
                case ACTOR -> "process '" + process + "' has no actor '" + actor + "'";
                case ISSUE -> "process '" + process + "' has no issue '" + issue + "'";
            };
            Problem.of(404, "not-found", "Not found", detail).send(ctx.response());
            return;
        }
        Json.send(ctx, 200, MAPPER.valueToTree(answer.history()));
    }

    private void diff(RoutingContext ctx) {
        String process = ctx.pathParam("process");
        LocalDate from;
        LocalDate to;
        Instant knownAt;
        try {
            from = Params.requiredDate(ctx, "from");
            to = Params.requiredDate(ctx, "to");
            knownAt = Params.knownAt(ctx);
            if (from.isAfter(to)) {
                throw new Params.BadParameter("from", "from (" + from + ") is after to (" + to + ")");
            }
        } catch (Params.BadParameter e) {
            e.problem.send(ctx.response());
            return;
        }
        index.diff(process, from, to, knownAt).ifPresentOrElse(
                d -> Json.send(ctx, 200, MAPPER.valueToTree(d)),
                () -> noProcess(ctx, process));
    }

    private static void noProcess(RoutingContext ctx, String process) {
        Problem.of(404, "not-found", "No such process", "there is no process '" + process + "'")
                .send(ctx.response());
    }
}
