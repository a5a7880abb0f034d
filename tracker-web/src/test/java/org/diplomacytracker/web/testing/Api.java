package org.diplomacytracker.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A real HTTP client (the JDK's) pointed at one tracker, optionally presenting a bearer token.
 * Transport failures surface as {@link IOException}s from {@link #send}, or as unchecked ones elsewhere.
 */
public final class Api {

    public static final String NDJSON = "application/x-ndjson";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final String token;

    public Api(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    public static Api at(int port) {
        return new Api(URI.create("http://127.0.0.1:" + port), null);
    }

    public Api withToken(String newToken) {
        return new Api(base, newToken);
    }

    public URI base() {
        return base;
    }

    public Reply get(String path) {
        return unchecked(request(path).GET());
    }

    public Reply postJson(String json) {
        return post("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Reply postJson(JsonNode json) {
        return postJson(json.toString());
    }

    public Reply postNdjson(byte[] body) {
        return post(NDJSON, body);
    }

    public Reply postNdjson(String body) {
        return postNdjson(body.getBytes(StandardCharsets.UTF_8));
    }

    public Reply post(String contentType, byte[] body) {
        return unchecked(postRequest(contentType, body));
    }

    /** A POST whose transport failure the caller wants to see (a server may close an oversize upload). */
    public Reply send(String contentType, byte[] body) throws IOException {
        return exchange(postRequest(contentType, body));
    }

    /** {@code GET /api/processes}, which must answer 200. */
    public JsonNode processes() {
        Reply reply = get("/api/processes");
        assertThat(reply.status()).as("GET /api/processes: %s", reply).isEqualTo(200);
        return reply.json();
    }

    /** {@code GET} of one development of a process, which must exist. */
    public JsonNode development(String process, String id) {
        Reply reply = get("/api/processes/" + process + "/developments/" + id);
        assertThat(reply.status()).as("GET development %s: %s", id, reply).isEqualTo(200);
        return reply.json();
    }

    @Override
    public String toString() {
        return "client of " + base + (token == null ? " without a token" : " with token '" + token + "'");
    }

    private HttpRequest.Builder postRequest(String contentType, byte[] body) {
        return request("/api/developments")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply unchecked(HttpRequest.Builder request) {
        try {
            return exchange(request);
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + base + " failed", e);
        }
    }

    private Reply exchange(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
