package org.diplomacytracker.web.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** One HTTP answer as the client saw it: status, headers and body, readable as JSON. */
public record Reply(int status, HttpHeaders headers, byte[] body) {

    static final ObjectMapper JSON = new ObjectMapper();

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON (status " + status + "): " + text(), e);
        }
    }

    @Override
    public String toString() {
        return status + " " + header("Content-Type") + " " + text();
    }
}
