package org.diplomacytracker.web.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.diplomacytracker.web.testing.Api;
import org.diplomacytracker.web.testing.Reply;

/**
 * Requests that {@link Api} does not send: any method and headers, and bytes written on a socket as
 * they are, for request targets no URI class would build (a {@code %} not followed by two hex digits).
 */
final class RawRequests {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RawRequests() {
    }

    /** {@code method path} with the given headers (name, value, name, value…) and body (may be empty). */
    static Reply send(Api api, String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.base().resolve(path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code GET target}, the target written as it is. */
    static Reply get(Api api, String target) {
        return overSocket(api, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    /** A POST of developments with a Content-Type and a Content-Encoding. */
    static Reply post(Api api, String contentType, String contentEncoding, byte[] body) {
        return send(api, "POST", "/api/developments", body,
                "Content-Type", contentType, "Content-Encoding", contentEncoding);
    }

    /**
     * Writes {@code request} as it is (ISO-8859-1, lines ended by CRLF) and reads the answer to the end:
     * the request should ask for {@code Connection: close}.
     */
    static Reply overSocket(Api api, String request) {
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (end < 0) {
                throw new AssertionError("no complete answer: " + new String(answer, StandardCharsets.ISO_8859_1));
            }
            List<String> lines = new ArrayList<>(Arrays.asList(
                    new String(answer, 0, end, StandardCharsets.ISO_8859_1).split("\r\n")));
            int status = Integer.parseInt(lines.remove(0).split(" ")[1]);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line : lines) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            return new Reply(status, HttpHeaders.of(headers, (name, value) -> true),
                    Arrays.copyOfRange(answer, end + 4, answer.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] data) {
        return compressed(data, GZIPOutputStream::new);
    }

    /** RFC 9110 deflate: the zlib format. */
    static byte[] deflate(byte[] data) {
        return compressed(data, DeflaterOutputStream::new);
    }

    private interface Compressor {
        java.io.OutputStream around(java.io.OutputStream out) throws IOException;
    }

    private static byte[] compressed(byte[] data, Compressor compressor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.io.OutputStream compressing = compressor.around(out)) {
            compressing.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
