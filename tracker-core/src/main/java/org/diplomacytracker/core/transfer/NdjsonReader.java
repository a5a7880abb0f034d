package org.diplomacytracker.core.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentJson;
import org.diplomacytracker.events.InvalidDevelopmentException;

/**
 * Reads NDJSON developments in batches, as bytes, so that invalid UTF-8 is reported on its line
 * rather than silently replaced. Lines end in {@code \n} (a {@code \r} before it is dropped); blank
 * lines are skipped but counted.
 */
public final class NdjsonReader {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private int line;
    private boolean eof;

    public NdjsonReader(InputStream in) {
        this.in = in;
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
        int[] lines = new int[Math.min(max, 1024)];
        byte[] text;
        while (developments.size() < max && (text = nextLine()) != null) {
            if (isBlank(text)) {
                continue;
            }
            try {
                developments.add(DevelopmentJson.read(text));
            } catch (InvalidDevelopmentException e) {
                throw new NdjsonLineException(line, e);
            }
            if (developments.size() > lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[developments.size() - 1] = line;
        }
        return new NdjsonBatch(developments, Arrays.copyOf(lines, developments.size()));
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
