package org.diplomacytracker.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Posts NDJSON batches to {@code POST /api/developments} as a client would: each connection sends
 * its batches one after the other, waiting for each answer, and every answer must be
 * {@code 201} with {@code accepted} equal to the batch's lines and no duplicates — a refused or
 * partial batch fails the run rather than inflating the rate.
 */
final class HttpIngest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpIngest() {
    }

    /** The wall time of one ingest: from the first request sent to the last answer read. */
    record Result(int connections, long developments, long nanos) {
        double rate() {
            return developments / (nanos / 1e9);
        }
    }

    /**
     * Sends {@code perConnection.get(i)} over connection {@code i}, all connections at once. The
     * streams must not depend on each other (disjoint processes), since their order across
     * connections is not defined.
     */
    static Result post(URI base, List<List<byte[]>> perConnection) throws IOException {
        URI endpoint = base.resolve("/api/developments");
        int connections = perConnection.size();
        // HTTP/1.1 explicitly: the default would attempt an h2c upgrade. One client per run, so each
        // sending thread holds one pooled keep-alive connection and a run starts with none open.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        try {
            long started = System.nanoTime();
            List<Future<Long>> sent = new ArrayList<>();
            for (List<byte[]> batches : perConnection) {
                sent.add(workers.submit(() -> send(client, endpoint, batches)));
            }
            long developments = 0;
            for (Future<Long> f : sent) {
                developments += f.get();
            }
            return new Result(connections, developments, System.nanoTime() - started);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            workers.shutdownNow();
        }
    }

    private static long send(HttpClient client, URI endpoint, List<byte[]> batches)
            throws IOException, InterruptedException {
        long accepted = 0;
        for (int i = 0; i < batches.size(); i++) {
            byte[] body = batches.get(i);
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int lines = lines(body);
            JsonNode answer = response.statusCode() == 201 ? JSON.readTree(response.body()) : null;
            if (answer == null || answer.path("accepted").asInt(-1) != lines || answer.path("duplicates").asInt(-1) != 0) {
                throw new IOException("batch " + (i + 1) + " of " + batches.size() + " (" + lines
                        + " lines): expected 201 with accepted=" + lines + ", got " + response.statusCode() + " "
                        + response.body());
            }
            accepted += lines;
        }
        return accepted;
    }

    private static int lines(byte[] body) {
        int n = 0;
        for (byte b : body) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
