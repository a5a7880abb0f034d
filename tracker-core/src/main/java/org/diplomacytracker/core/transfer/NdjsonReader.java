package org.diplomacytracker.core.transfer;

import static org.diplomacytracker.core.transfer.ExportLine.DEVELOPMENT;
import static org.diplomacytracker.core.transfer.ExportLine.RECORDED_AT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentJson;
import org.diplomacytracker.events.InvalidDevelopmentException;
import org.diplomacytracker.events.IsoTime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads NDJSON developments in batches, as bytes, so that invalid UTF-8 is reported on its line
 * rather than silently replaced. Lines end in {@code \n} (a {@code \r} before it is dropped); blank
 * lines are skipped but counted.
 *
 * <p>A reader of an export ({@link #ofExport}) also takes lines of the shape {@code export} writes by
 * default, {@code {"recordedAt":"…","development":{…}}}: the development with the time it was first
 * recorded, which it keeps when imported. Elsewhere (a body posted over HTTP) the recorded time is the
 * tracker's to set, and such a line is refused as any line with unknown members is.
 */
public final class NdjsonReader {

    private final InputStream in;
    private final boolean export;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private int line;
    private boolean eof;

    public NdjsonReader(InputStream in) {
        this(in, false);
    }

    private NdjsonReader(InputStream in, boolean export) {
        this.in = in;
        this.export = export;
    }

    /** A reader that also takes an export's lines, each with the time its development was first recorded. */
    public static NdjsonReader ofExport(InputStream in) {
        return new NdjsonReader(in, true);
    }

    /** Reads a whole NDJSON body held in memory. */
    public static NdjsonBatch readAll(byte[] body) {
        NdjsonReader reader = new NdjsonReader(new java.io.ByteArrayInputStream(body));
        return reader.next(Integer.MAX_VALUE);
    }

    /**
     * The next batch of at most {@code max} developments; empty at the end of the stream.
     *
     * @throws NdjsonLineException for the first line that is not a valid development
     */
    public NdjsonBatch next(int max) {
        List<Development> developments = new ArrayList<>(Math.min(max, 1024));
        List<Instant> recordedAt = null;
        int[] lines = new int[Math.min(max, 1024)];
        byte[] text;
        while (developments.size() < max && (text = nextLine()) != null) {
            if (isBlank(text)) {
                continue;
            }
            try {
                if (export && isRecorded(text)) {
                    ObjectNode recorded = DevelopmentJson.parseObject(text);
                    if (recordedAt == null) {
                        recordedAt = new ArrayList<>(java.util.Collections.nCopies(developments.size(), null));
                    }
                    recordedAt.add(recordedAt(recorded));
                    developments.add(development(recorded));
                } else {
                    developments.add(DevelopmentJson.read(text));
                    if (recordedAt != null) {
                        recordedAt.add(null);
                    }
                }
            } catch (InvalidDevelopmentException e) {
                throw new NdjsonLineException(line, e);
            }
            if (developments.size() > lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[developments.size() - 1] = line;
        }
        return new NdjsonBatch(developments, Arrays.copyOf(lines, developments.size()), recordedAt);
    }

    /** Whether the line's first member is one of an export's envelope (cheaply: its opening bytes). */
    private static boolean isRecorded(byte[] text) {
        int i = 0;
        while (i < text.length && (text[i] == ' ' || text[i] == '\t')) {
            i++;
        }
        if (i == text.length || text[i] != '{') {
            return false;
        }
        i++;
        while (i < text.length && (text[i] == ' ' || text[i] == '\t')) {
            i++;
        }
        return startsWith(text, i, "\"" + RECORDED_AT + "\"") || startsWith(text, i, "\"" + DEVELOPMENT + "\"");
    }

    private static boolean startsWith(byte[] text, int at, String prefix) {
        if (text.length - at < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (text[at + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static Instant recordedAt(ObjectNode recorded) {
        recorded.fieldNames().forEachRemaining(name -> {
            if (!name.equals(RECORDED_AT) && !name.equals(DEVELOPMENT)) {
                throw new InvalidDevelopmentException(name, name + " is not a member of an exported line, which holds "
                        + "only recordedAt and development");
            }
        });
        JsonNode time = recorded.get(RECORDED_AT);
        if (time == null || !time.isTextual()) {
            throw new InvalidDevelopmentException(RECORDED_AT, "recordedAt is required on an exported line: the time "
                    + "its development was first recorded, as an ISO instant like 2024-11-28T09:00:00.000Z");
        }
        Instant instant;
        try {
            instant = IsoTime.parseInstant(time.asText());
        } catch (java.time.DateTimeException e) {
            throw new InvalidDevelopmentException(RECORDED_AT, "recordedAt must be an ISO instant like 2024-11-28T09:00:00.000Z, got '"
                    + time.asText() + "'");
        }
        if (instant.isAfter(Instant.now())) {
            throw new InvalidDevelopmentException(RECORDED_AT, "recordedAt lies in the future (" + time.asText()
                    + "): a development cannot have been recorded yet");
        }
        if (instant.isBefore(Instant.EPOCH)) {
            throw new InvalidDevelopmentException(RECORDED_AT, "recordedAt lies before 1970 (" + time.asText() + ")");
        }
        return instant;
    }

    private static Development development(ObjectNode recorded) {
        JsonNode development = recorded.get(DEVELOPMENT);
        if (development == null) {
            throw new InvalidDevelopmentException(DEVELOPMENT, "development is required on an exported line");
        }
        try {
            return DevelopmentJson.fromTree(development);
        } catch (InvalidDevelopmentException e) {
            throw e.under(DEVELOPMENT);
        }
    }

    private static boolean isBlank(byte[] text) {
        for (byte b : text) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private byte[] nextLine() {
        ByteArrayOutputStream current = null;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (current == null || current.size() == 0) {
                        return null;
                    }
                    line++;
                    return trimCr(current.toByteArray());
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            if (current == null) {
                current = new ByteArrayOutputStream(Math.max(64, pos - start));
            }
            current.write(buffer, start, pos - start);
            if (pos < limit) { // found the newline
                pos++;
                line++;
                return trimCr(current.toByteArray());
            }
        }
    }

    private static byte[] trimCr(byte[] text) {
        return text.length > 0 && text[text.length - 1] == '\r' ? Arrays.copyOf(text, text.length - 1) : text;
    }

    private boolean fill() {
        try {
            int n = in.read(buffer);
            if (n <= 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
