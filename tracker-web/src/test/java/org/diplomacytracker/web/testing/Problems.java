package org.diplomacytracker.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** What every refusal must look like: an RFC 9457 problem in words for the user, no internals. */
public final class Problems {

    private Problems() {
    }

    /** Asserts a problem of {@code status} and returns its body. */
    public static JsonNode assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("Content-Type of %s", reply)
                .startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("title").asText()).as("title of %s", reply).isNotBlank();
        assertThat(problem.path("status").asInt()).as("status member of %s", reply).isEqualTo(status);
        assertThat(problem.path("detail").asText()).as("detail of %s", reply)
                .isNotBlank()
                .doesNotContain("Exception", "com.fasterxml", "org.axonframework", "at org.", "io.vertx");
        return problem;
    }

    /** Asserts a problem of {@code status} that blames {@code field}. */
    public static JsonNode assertProblem(Reply reply, int status, String field) {
        JsonNode problem = assertProblem(reply, status);
        assertThat(problem.path("field").asText(null)).as("field of %s", reply).isEqualTo(field);
        return problem;
    }
}
