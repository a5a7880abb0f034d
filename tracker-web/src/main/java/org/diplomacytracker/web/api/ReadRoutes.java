package org.diplomacytracker.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.diplomacytracker.core.catalogue.Catalogue;
import org.diplomacytracker.core.catalogue.ProcessSummary;
import org.diplomacytracker.core.catalogue.RecordedDevelopment;
import org.diplomacytracker.core.catalogue.TimelineCursor;
import org.diplomacytracker.core.catalogue.TimelinePage;
import org.diplomacytracker.core.catalogue.TimelineQuery;
import org.diplomacytracker.events.DevelopmentJson;
import org.diplomacytracker.events.DevelopmentType;

/**
 * The catalogue's reads: {@code GET /api/processes}, one development by id, and a process's
 * timeline. Query parameters are checked here and named in a 400 when ill-formed.
 */
public final class ReadRoutes {

    private final Catalogue catalogue;

    public ReadRoutes(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    public void mount(Router router) {
        read(router, "/api/processes").handler(this::processes);
        read(router, "/api/processes/:process/developments/:id").handler(this::development);
        read(router, "/api/processes/:process/timeline").handler(this::timeline);
    }

    /** A read answers GET, and HEAD with the same status and headers (Vert.x leaves out the body). */
    static Route read(Router router, String path) {
        return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
    }

    private void processes(RoutingContext ctx) {
        ObjectNode json = DevelopmentJson.mapper().createObjectNode();
        ArrayNode list = json.putArray("processes");
        for (ProcessSummary p : catalogue.processes()) {
            ObjectNode row = list.addObject();
            row.put("process", p.process());
            if (p.title() != null) {
                row.put("title", p.title());
            }
            ArrayNode parties = row.putArray("parties");
            p.parties().forEach(parties::add);
            row.put("developments", p.developments());
            row.put("lastOffset", p.lastOffset());
            catalogue.span(p.process()).ifPresent(span -> {
                row.put("firstDate", span[0].toString());
                row.put("lastDate", span[1].toString());
            });
        }
        Json.send(ctx, 200, json);
    }

    private void development(RoutingContext ctx) {
        String process = ctx.pathParam("process");
        String id = ctx.pathParam("id");
        catalogue.development(process, id).ifPresentOrElse(
                d -> Json.send(ctx, 200, recorded(d)),
                () -> Problem.of(404, "not-found", "No such development",
                        catalogue.hasProcess(process)
                                ? "process '" + process + "' has no development '" + id + "'"
                                : "there is no process '" + process + "'").send(ctx.response()));
    }

    /** A recorded development: the development as the wire has it, and where it stands. */
    static ObjectNode recorded(RecordedDevelopment d) {
        ObjectNode json = DevelopmentJson.mapper().createObjectNode();
        json.set("development", DevelopmentJson.toTree(d.development()));
        json.put("offset", d.offset());
        json.put("recordedAt", d.recordedAt().toString());
        json.put("retractedBy", d.retractedBy());
        ArrayNode corrected = json.putArray("correctedBy");
        d.correctedBy().forEach(corrected::add);
        return json;
    }

    private void timeline(RoutingContext ctx) {
        String process = ctx.pathParam("process");
        TimelineQuery query;
        try {
            query = new TimelineQuery(Params.date(ctx, "from"), Params.date(ctx, "to"), types(ctx), Params.text(ctx, "actor"),
                    cursor(ctx), limit(ctx));
        } catch (Params.BadParameter e) {
            e.problem.send(ctx.response());
            return;
        } catch (IllegalArgumentException e) {
            Problem.of(400, "invalid-parameter", "Invalid query parameter", e.getMessage())
                    .withField(e.getMessage().startsWith("from") ? "from" : "limit").send(ctx.response());
            return;
        }
        TimelinePage page = catalogue.timeline(process, query).orElse(null);
        if (page == null) {
            Problem.of(404, "not-found", "No such process", "there is no process '" + process + "'")
                    .send(ctx.response());
            return;
        }
        ObjectNode json = DevelopmentJson.mapper().createObjectNode();
        ArrayNode list = json.putArray("developments");
        for (RecordedDevelopment d : page.developments()) {
            list.add(timelineItem(d));
        }
        json.put("next", page.next());
        Json.send(ctx, 200, json);
    }

    /**
     * A timeline item is the development's wire JSON, extended with where it stands: offset,
     * recordedAt, retractedBy and correctedBy (members a development never has itself).
     */
    static ObjectNode timelineItem(RecordedDevelopment d) {
        ObjectNode item = DevelopmentJson.toTree(d.development());
        item.put("offset", d.offset());
        item.put("recordedAt", d.recordedAt().toString());
        item.put("retractedBy", d.retractedBy());
        ArrayNode corrected = item.putArray("correctedBy");
        d.correctedBy().forEach(corrected::add);
        return item;
    }

    private static Set<DevelopmentType> types(RoutingContext ctx) {
        String value = Params.text(ctx, "type");
        if (value == null) {
            return Set.of();
        }
        Set<DevelopmentType> types = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            types.add(DevelopmentType.byWireName(name.trim()).orElseThrow(() -> new Params.BadParameter("type",
                    "type must be development types separated by commas, one of "
                            + Arrays.stream(DevelopmentType.values()).map(DevelopmentType::wireName)
                            .collect(Collectors.joining(", ")) + "; got '" + Params.shorten(name) + "'")));
        }
        return types;
    }

    private static TimelineCursor cursor(RoutingContext ctx) {
        String value = Params.text(ctx, "cursor");
        if (value == null) {
            return null;
        }
        try {
            return TimelineCursor.decode(value);
        } catch (IllegalArgumentException e) {
            throw new Params.BadParameter("cursor", e.getMessage());
        }
    }

    private static int limit(RoutingContext ctx) {
        String value = Params.text(ctx, "limit");
        if (value == null) {
            return TimelineQuery.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > TimelineQuery.MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new Params.BadParameter("limit", "limit must be a whole number from 1 to " + TimelineQuery.MAX_LIMIT
                    + ", got '" + Params.shorten(value) + "'");
        }
    }

}
