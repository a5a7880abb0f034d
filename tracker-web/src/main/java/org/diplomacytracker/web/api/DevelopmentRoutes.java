package org.diplomacytracker.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Locale;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.core.process.DevelopmentRefusedException;
import org.diplomacytracker.core.process.Recording;
import org.diplomacytracker.core.transfer.NdjsonBatch;
import org.diplomacytracker.core.transfer.NdjsonLineException;
import org.diplomacytracker.core.transfer.NdjsonReader;
import org.diplomacytracker.events.DevelopmentJson;
import org.diplomacytracker.events.InvalidDevelopmentException;

/**
 * {@code POST /api/developments}: one development as {@code application/json}, or an atomic batch
 * as {@code application/x-ndjson}, either sent as it is or gzip/deflate-compressed. Decompressing and
 * decoding run on a worker thread and recording on core's, so the event loop only routes.
 */
public final class DevelopmentRoutes {

    private final Vertx vertx;
    private final Tracker tracker;
    private final long bodyLimit;

    public DevelopmentRoutes(Vertx vertx, Tracker tracker, long bodyLimit) {
        this.vertx = vertx;
        this.tracker = tracker;
        this.bodyLimit = bodyLimit;
    }

    public void mount(Router router, io.vertx.core.Handler<RoutingContext> writers) {
        // who may write, and in what shape, is settled before a byte of the body is read
        router.post("/api/developments")
                .handler(writers)
                .handler(this::checkMediaType);
        router.post("/api/developments")
                .handler(BodyHandler.create(false).setBodyLimit(bodyLimit))
                .handler(this::post);
    }

    private enum Shape { SINGLE, BATCH }

    /**
     * The shape the Content-Type announces: {@code application/json} or {@code application/x-ndjson} (also
     * named {@code application/ndjson} and {@code application/jsonl}), with no parameter but an optional
     * {@code charset=utf-8}; null for anything else, other {@code +json} types included (a merge patch is
     * not a development).
     */
    private static Shape shapeOf(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null) {
            return null;
        }
        String[] parts = type.split(";");
        Shape shape = switch (parts[0].trim().toLowerCase(Locale.ROOT)) {
            case "application/json" -> Shape.SINGLE;
            // the two other names NDJSON goes by, taken since the first release
            case "application/x-ndjson", "application/ndjson", "application/jsonl" -> Shape.BATCH;
            default -> null;
        };
        for (int i = 1; i < parts.length && shape != null; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (!parameter.isEmpty() && (equals < 0
                    || !parameter.substring(0, equals).trim().equalsIgnoreCase("charset")
                    || !unquoted(parameter.substring(equals + 1).trim()).equalsIgnoreCase("utf-8"))) {
                shape = null;
            }
        }
        return shape;
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** Refuses, before the body is read, a media type or content coding the tracker cannot read. */
    private void checkMediaType(RoutingContext ctx) {
        if (shapeOf(ctx) == null) {
            String type = ctx.request().getHeader("Content-Type");
            ctx.response().putHeader("Accept-Post", "application/json, application/x-ndjson");
            Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "send one development as application/json or a batch as application/x-ndjson, in UTF-8 "
                            + "(charset=utf-8 is the only parameter accepted); "
                            + (type == null ? "the request has no Content-Type"
                                    : "got '" + Params.shorten(type) + "'"))
                    .send(ctx.response());
            return;
        }
        if (BodyCoding.of(ctx.request().headers()).isEmpty()) {
            ctx.response().putHeader("Accept-Encoding", BodyCoding.ACCEPTED);
            Problem.of(415, "unsupported-content-encoding", "Unsupported content encoding",
                    "send the body as it is, or compressed with one Content-Encoding: gzip or deflate; got '"
                            + Params.shorten(String.join(", ", ctx.request().headers().getAll("Content-Encoding")))
                            + "'").send(ctx.response());
            return;
        }
        ctx.next();
    }

    private void post(RoutingContext ctx) {
        Shape shape = shapeOf(ctx);
        BodyCoding coding = BodyCoding.of(ctx.request().headers()).orElseThrow();
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        io.vertx.core.Context context = vertx.getOrCreateContext();
        vertx.executeBlocking(() -> decode(shape, coding.decode(body, bodyLimit)), false)
                .compose(batch -> Future.fromCompletionStage(tracker.record(batch.developments()), context)
                        .recover(failure -> Future.failedFuture(withLine(failure, batch)))
                        .map(recording -> respond(ctx, shape, recording)))
                .onFailure(failure -> problemFor(failure, shape).send(ctx.response()));
    }

    private static NdjsonBatch decode(Shape shape, byte[] body) {
        if (shape == Shape.SINGLE) {
            return new NdjsonBatch(List.of(DevelopmentJson.read(body)), new int[]{1});
        }
        NdjsonBatch batch = NdjsonReader.readAll(body);
        if (batch.isEmpty()) {
            throw new InvalidDevelopmentException(null, "the body holds no developments: send one JSON object per line");
        }
        return batch;
    }

    private Void respond(RoutingContext ctx, Shape shape, Recording recording) {
        ObjectNode json = DevelopmentJson.mapper().createObjectNode();
        if (shape == Shape.SINGLE) {
            Recording.Outcome o = recording.outcomes().get(0);
            json.put("id", o.id());
            json.put("process", o.process());
            json.put("offset", o.offset());
            json.put("recordedAt", o.recordedAt().toString());
            if (o.duplicate()) {
                json.put("duplicate", true);
            }
            ctx.response().putHeader("Location", "/api/processes/" + o.process() + "/developments/" + o.id());
            Json.send(ctx, o.duplicate() ? 200 : 201, json);
            return null;
        }
        json.put("accepted", recording.accepted());
        json.put("duplicates", recording.duplicates());
        recording.outcomes().stream().filter(o -> !o.duplicate()).mapToLong(Recording.Outcome::offset).min()
                .ifPresent(first -> json.put("firstOffset", first));
        recording.outcomes().stream().filter(o -> !o.duplicate()).mapToLong(Recording.Outcome::offset).max()
                .ifPresent(last -> json.put("lastOffset", last));
        Json.send(ctx, recording.accepted() > 0 ? 201 : 200, json);
        return null;
    }

    /** A refusal names the development's place in the submission; the client reads it as a line. */
    private static Throwable withLine(Throwable failure, NdjsonBatch batch) {
        if (Errors.unwrap(failure) instanceof DevelopmentRefusedException e) {
            return new RefusedAtLine(e, batch.lineOf(e.position()));
        }
        return failure;
    }

    private static final class RefusedAtLine extends RuntimeException {
        private final DevelopmentRefusedException refusal;
        private final int line;

        RefusedAtLine(DevelopmentRefusedException refusal, int line) {
            super(refusal.getMessage(), refusal, false, false);
            this.refusal = refusal;
            this.line = line;
        }
    }

    /** A failure of decoding or recording, as the problem the client reads. */
    private static Problem problemFor(Throwable failure, Shape shape) {
        Throwable t = Errors.unwrap(failure);
        if (t instanceof BodyCoding.DecodedTooLarge e) {
            return e.problem;
        }
        if (t instanceof BodyCoding.Undecodable e) {
            return e.problem;
        }
        if (t instanceof InvalidDevelopmentException e) {
            return Errors.invalid(e);
        }
        if (t instanceof NdjsonLineException e) {
            return shape == Shape.BATCH ? Errors.invalidLine(e) : Errors.invalid(e.problem());
        }
        if (t instanceof RefusedAtLine r) {
            Problem p = Errors.refused(r.refusal);
            return shape == Shape.BATCH ? p.atLine(r.line) : p;
        }
        return Errors.unexpected(t);
    }
}
