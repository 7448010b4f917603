package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.api.LocalApiServer;
import dev.omniarchitect.local.api.RequestGuard;
import dev.omniarchitect.local.runtime.LocalPipeline;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's limits over real HTTP: a burst of submissions against a small execution limit (refusals
 * are 429 or 503 with Retry-After and keep nothing; accepted jobs finish), and who may use the API
 * (loopback Host, same-origin state changes, the bearer token).
 */
class EngineLimitsTest {

    private static final int LIMIT = 2;
    private static final String TOKEN = "test-token-6b1f0c2e9d";

    private static LoopbackOpenAiServer provider;
    private static LocalPipeline pipeline;
    private static LocalApiServer open;
    private static LocalApiServer guarded;

    @BeforeAll
    static void engine() {
        provider = LoopbackOpenAiServer.start().latency(Duration.ofMillis(300));
        pipeline = LocalPipeline.builder()
                .environment(Map.of("OMNI_DEFAULT_PROVIDER", "openai", "OPENAI_BASE_URL", provider.baseUrl(),
                        "OPENAI_API_KEY", "sk-loopback-limits-0123456789"))
                .logOutput(new PrintStream(new ByteArrayOutputStream()))
                .maxExecutions(LIMIT)
                .build();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        open = LocalApiServer.start(pipeline.functions(), pipeline.services().mapper(), loopback, 0,
                RequestGuard.forBind(loopback, Optional.empty()));
        guarded = LocalApiServer.start(pipeline.functions(), pipeline.services().mapper(), loopback, 0,
                RequestGuard.forBind(loopback, Optional.of(TOKEN)));
    }

    @AfterAll
    static void stop() {
        guarded.close();
        open.close();
        pipeline.close();
        provider.close();
    }

    @Test
    void aBurstBeyondTheLimitIsRefusedWithRetryAfterAndLeavesNoRecord() throws Exception {
        URI api = open.uri();
        int burst = 200;
        Semaphore inFlight = new Semaphore(20);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(api.resolve("/v1/generations"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EngineApi.batch("b" + i, 2, "burst-" + i))).build();
            answers.add(EngineApi.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((answer, error) -> inFlight.release()));
        }
        Set<String> accepted = new HashSet<>();
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            HttpResponse<String> answer = answers.get(i).join();
            if (answer.statusCode() == 202) {
                accepted.add(EngineApi.jobIdOf(answer));
                continue;
            }
            assertTrue(answer.statusCode() == 429 || answer.statusCode() == 503, answer.statusCode() + " " + answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
            int retryAfter = Integer.parseInt(answer.headers().firstValue("Retry-After").orElse("-1"));
            assertTrue(retryAfter >= 1, "Retry-After in seconds: " + answer.headers().map());
            JsonNode problem = Json.mapper().readTree(answer.body());
            assertEquals(answer.statusCode(), problem.path("status").asInt());
            assertFalse(answer.body().contains("Exception"), answer.body());
            refused.add(i);
        }
        assertFalse(accepted.isEmpty(), "some submissions were accepted");
        assertFalse(refused.isEmpty(), "a burst of " + burst + " against " + LIMIT + " executions is refused in part");
        for (String jobId : accepted) {
            assertEquals("SUCCEEDED", EngineApi.awaitEnd(api, jobId, Duration.ofSeconds(120)).path("status").asText());
        }
        assertEquals(accepted, EngineApi.storedJobIds(pipeline), "the jobs table holds the accepted jobs and nothing of the refused");

        // A refused submission's client token is free: sent again when there is room, it starts a job that runs.
        for (int i : refused.subList(0, Math.min(3, refused.size()))) {
            HttpResponse<String> again = EngineApi.post(api, EngineApi.batch("b" + i, 2, "burst-" + i));
            assertEquals(202, again.statusCode(), again.body());
            assertTrue(again.headers().firstValue("Idempotent-Replayed").isEmpty(), "a fresh job, not a replay");
            String jobId = EngineApi.jobIdOf(again);
            assertEquals("SUCCEEDED", EngineApi.awaitEnd(api, jobId, Duration.ofSeconds(60)).path("status").asText());
        }
    }

    @Test
    void onlyLoopbackHostsAreServed() throws Exception {
        int port = open.uri().getPort();
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST:" + port)) {
            assertEquals(200, RawHttp.send(port, "GET", "/v1/providers", Map.of("Host", host), null).status(), host);
        }
        for (String host : List.of("evil.example.com", "evil.example.com:" + port, "localhost:" + (port + 1),
                "127.0.0.1.evil.example.com:" + port)) {
            RawHttp.Answer answer = RawHttp.send(port, "GET", "/v1/cache/stats", Map.of("Host", host), null);
            assertRefused(answer, 403, "Host");
        }
    }

    @Test
    void stateChangesFromAForeignOriginAreRefused() throws Exception {
        int port = open.uri().getPort();
        Map<String, String> foreign = Map.of("Host", "127.0.0.1:" + port, "Origin", "https://evil.example.com",
                "Content-Type", "application/json");
        assertRefused(RawHttp.send(port, "POST", "/v1/cache/purge", foreign, "{}"), 403, "Origin");
        assertRefused(RawHttp.send(port, "POST", "/v1/generations", foreign, EngineApi.batch("o", 1, null)), 403,
                "Origin");
        assertRefused(RawHttp.send(port, "DELETE", "/v1/cache/" + "0".repeat(64), foreign, null), 403, "Origin");
        assertRefused(RawHttp.send(port, "POST", "/v1/cache/purge",
                Map.of("Host", "127.0.0.1:" + port, "Origin", "null"), "{}"), 403, "Origin");
        assertRefused(RawHttp.send(port, "POST", "/v1/cache/purge",
                Map.of("Host", "localhost:" + port, "Origin", "http://localhost:" + (port + 1)), "{}"), 403, "Origin");

        // Its own loopback origins, and clients that send none, may change state.
        for (String origin : List.of("http://localhost:" + port, "http://127.0.0.1:" + port, "http://[::1]:" + port)) {
            assertEquals(200, RawHttp.send(port, "POST", "/v1/cache/purge", Map.of("Host", "localhost:" + port,
                    "Origin", origin, "Content-Type", "application/json"), "{}").status(), origin);
        }
        assertEquals(404, RawHttp.send(port, "DELETE", "/v1/cache/" + "0".repeat(64),
                Map.of("Host", "localhost:" + port), null).status(), "no Origin: served (no such entry)");
        assertEquals(200, RawHttp.send(port, "GET", "/v1/providers",
                Map.of("Host", "localhost:" + port, "Origin", "https://evil.example.com"), null).status(),
                "a read is not a state change; the browser keeps its answer from the page (no CORS headers)");
    }

    @Test
    void aTokenIsRequiredOnEveryRequestButTheConsolesFilesWhenSet() throws Exception {
        int port = guarded.uri().getPort();
        String host = "127.0.0.1:" + port;
        RawHttp.Answer none = RawHttp.send(port, "GET", "/v1/providers", Map.of("Host", host), null);
        assertRefused(none, 401, "Authorization");
        assertTrue(none.headers().getOrDefault("www-authenticate", "").startsWith("Bearer"), none.headers().toString());
        assertRefused(RawHttp.send(port, "GET", "/v1/providers",
                Map.of("Host", host, "Authorization", "Bearer " + TOKEN + "x"), null), 401, "Authorization");
        assertRefused(RawHttp.send(port, "POST", "/v1/cache/purge",
                Map.of("Host", host, "Authorization", "Basic " + TOKEN), "{}"), 401, "Authorization");
        assertEquals(200, RawHttp.send(port, "GET", "/v1/providers",
                Map.of("Host", host, "Authorization", "Bearer " + TOKEN), null).status());
        assertRefused(RawHttp.send(port, "GET", "/v1/providers",
                Map.of("Host", "evil.example.com", "Authorization", "Bearer " + TOKEN), null), 403, "Host");
        // The console's page and files hold no data and a browser cannot send a token with a page it opens:
        // they load without one, and the page asks for the token on its first 401.
        assertEquals(200, RawHttp.send(port, "GET", "/", Map.of("Host", host), null).status());
        assertEquals(200, RawHttp.send(port, "GET", "/console/app.js", Map.of("Host", host), null).status());
        assertRefused(RawHttp.send(port, "GET", "/v1/generations", Map.of("Host", host), null), 401, "Authorization");
        assertRefused(RawHttp.send(port, "GET", "/", Map.of("Host", "evil.example.com"), null), 403, "Host");
    }

    @Test
    void aNonLoopbackBindWithoutATokenIsRefused() throws Exception {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RequestGuard.forBind(InetAddress.getByName("0.0.0.0"), Optional.of("  ")));
        assertTrue(refused.getMessage().contains(RequestGuard.TOKEN_VARIABLE), refused.getMessage());
        assertTrue(RequestGuard.forBind(InetAddress.getByName("0.0.0.0"), Optional.of(TOKEN)).requiresToken());
    }

    private static void assertRefused(RawHttp.Answer answer, int status, String field) throws Exception {
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.headers().get("content-type"));
        JsonNode problem = Json.mapper().readTree(answer.body());
        assertEquals(status, problem.path("status").asInt());
        assertEquals(field, problem.path("errors").path(0).path("field").asText(), problem.toString());
    }
}
