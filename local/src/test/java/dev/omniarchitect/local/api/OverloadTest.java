package dev.omniarchitect.local.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.asl.LambdaInvoker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * More requests than the local API's workers and queue hold: those over capacity get 503 problem+json with
 * Retry-After at once, never a dropped connection, and every request taken is answered once work resumes.
 */
class OverloadTest {

    private static final int OVER = 20;

    @Test
    void requestsOverCapacityAreAnswered503WithRetryAfterAndTheRestComplete() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        LambdaInvoker slow = (function, event) -> {
            started.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JsonNodeFactory.instance.objectNode().put("statusCode", 200).put("body", "{}");
        };
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        try (LocalApiServer server = LocalApiServer.start(slow, Json.mapper(), 0)) {
            URI uri = server.uri().resolve("/v1/cache/stats");
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < LocalApiServer.CAPACITY + OVER; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // Those over capacity are answered while the others still wait.
            List<HttpResponse<String>> refused = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (refused.size() < OVER) {
                assertTrue(System.nanoTime() < deadline, "only " + refused.size() + " requests were refused");
                refused.clear();
                for (CompletableFuture<HttpResponse<String>> answer : answers) {
                    if (answer.isDone()) {
                        refused.add(answer.join());
                    }
                }
                Thread.sleep(50);
            }
            for (HttpResponse<String> response : refused) {
                assertEquals(503, response.statusCode(), response.body());
                assertEquals(Integer.toString(LocalApiServer.OVERLOADED_RETRY_AFTER),
                        response.headers().firstValue("Retry-After").orElse(""));
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
                JsonNode problem = Json.mapper().readTree(response.body());
                assertEquals(503, problem.path("status").asInt());
                assertTrue(problem.path("detail").asText().contains("retry after"), problem.toString());
            }
            release.countDown();
            int ok = 0;
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);
                ok += response.statusCode() == 200 ? 1 : 0;
            }
            assertEquals(LocalApiServer.CAPACITY, ok, "every request taken was answered once work resumed");
            assertEquals(LocalApiServer.CAPACITY, started.get(), "none refused did any work");
        } finally {
            release.countDown();
        }
    }
}
