package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.runtime.LocalPipeline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/** The engine's HTTP API as a client sees it: batches whose items are recognisable in provider requests. */
final class EngineApi {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "PARTIAL", "FAILED");

    private EngineApi() {
    }

    /**
     * A batch of prometheus-rules items (what the loopback provider's answer is), each prompt carrying
     * the marker {@code <tag>-i<n>.} so the provider's requests show which item they are for.
     */
    static String batch(String tag, int items, String clientToken) {
        ObjectNode document = Json.mapper().createObjectNode();
        if (clientToken != null) {
            document.put("clientToken", clientToken);
        }
        ArrayNode list = document.putArray("items");
        for (int i = 0; i < items; i++) {
            list.addObject().put("id", "item-" + i).put("kind", "prometheus-rules")
                    .put("prompt", "alert rules for the service " + marker(tag, i));
        }
        return document.toString();
    }

    static String marker(String tag, int item) {
        return tag + "-i" + item + ".";
    }

    static HttpResponse<String> post(URI api, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api.resolve("/v1/generations")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode get(URI api, String jobId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api.resolve("/v1/generations/" + jobId))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }

    static String jobIdOf(HttpResponse<String> accepted) throws IOException {
        assertEquals(202, accepted.statusCode(), accepted.body());
        return Json.mapper().readTree(accepted.body()).path("jobId").asText();
    }

    /** The ids of every job with any record in the pipeline's jobs table (client tokens apart). */
    static Set<String> storedJobIds(LocalPipeline pipeline) {
        Set<String> ids = new java.util.TreeSet<>();
        pipeline.services().aws().dynamoDb().scanPaginator(request -> request
                        .tableName(pipeline.services().config().jobsTable()))
                .items().subscribe(item -> ids.add(item.get("jobId").s())).join();
        ids.removeIf(id -> id.startsWith("token#"));
        return ids;
    }

    /** Polls the job until it has ended. */
    static JsonNode awaitEnd(URI api, String jobId, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode record = get(api, jobId);
            if (ENDED.contains(record.path("status").asText())) {
                return record;
            }
            if (System.nanoTime() > deadline) {
                fail("job " + jobId + " did not end within " + within + ": " + record);
            }
            Thread.sleep(100);
        }
    }
}
