package org.diplomacytracker.web.api;

import io.vertx.core.MultiMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The {@code Content-Encoding} of a request body: none, gzip or deflate. Decoding blocks, so it runs
 * on a worker, and it stops at the body limit: the limit applies to the decoded bytes, and a small
 * body that would inflate past it is refused as too large without being inflated whole.
 */
enum BodyCoding {
    IDENTITY, GZIP, DEFLATE;

    /** The codings a client may send, for the {@code Accept-Encoding} of a 415. */
    static final String ACCEPTED = "gzip, deflate, identity";

    private static final int CHUNK = 64 * 1024;

    /** The coding the request's headers name; empty for any other, or for more than one applied in turn. */
    static Optional<BodyCoding> of(MultiMap headers) {
        List<String> codings = new ArrayList<>();
        for (String value : headers.getAll("Content-Encoding")) {
            for (String coding : value.split(",")) {
                String name = coding.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("identity")) {
                    codings.add(name);
                }
            }
        }
        if (codings.isEmpty()) {
            return Optional.of(IDENTITY);
        }
        if (codings.size() > 1) {
            return Optional.empty();
        }
        return switch (codings.get(0)) {
            case "gzip", "x-gzip" -> Optional.of(GZIP);
            case "deflate" -> Optional.of(DEFLATE);
            default -> Optional.empty();
        };
    }

    /** The body as sent before this coding was applied, at most {@code limit} bytes of it. */
    byte[] decode(byte[] body, long limit) {
        if (this == IDENTITY) {
            return body;
        }
        // RFC 9110 deflate is zlib-wrapped; some clients send the bare stream, told apart by the zlib header
        Inflater inflater = this == DEFLATE ? new Inflater(!hasZlibHeader(body)) : null;
        try (InputStream in = this == GZIP
                ? new GZIPInputStream(new ByteArrayInputStream(body), CHUNK)
                : new InflaterInputStream(new ByteArrayInputStream(body), inflater, CHUNK)) {
            ByteArrayOutputStream out =
                    new ByteArrayOutputStream((int) Math.min(limit, Math.max(CHUNK, 4L * body.length)));
            byte[] chunk = new byte[CHUNK];
            for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
                if (out.size() + (long) n > limit) {
                    throw new DecodedTooLarge(this, limit);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new Undecodable(this);
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static boolean hasZlibHeader(byte[] body) {
        return body.length >= 2 && (body[0] & 0x0F) == 8 && (((body[0] & 0xFF) << 8) | (body[1] & 0xFF)) % 31 == 0;
    }

    /** A body that decodes to more than the limit. */
    static final class DecodedTooLarge extends RuntimeException {
        final transient Problem problem;

        DecodedTooLarge(BodyCoding coding, long limit) {
            super(null, null, false, false);
            this.problem = Problem.of(413, "body-too-large", "Body too large", "the body, once decoded from "
                    + coding.wireName() + ", exceeds the limit of " + limit
                    + " bytes; split the batch into smaller ones");
        }
    }

    /** A body that is not what its Content-Encoding says. */
    static final class Undecodable extends RuntimeException {
        final transient Problem problem;

        Undecodable(BodyCoding coding) {
            super(null, null, false, false);
            this.problem = Problem.of(400, "undecodable-body", "Undecodable body", "the body is not valid "
                    + coding.wireName() + " data, as its Content-Encoding says; send it " + coding.wireName()
                    + "-encoded whole, or without a Content-Encoding");
        }
    }
}
