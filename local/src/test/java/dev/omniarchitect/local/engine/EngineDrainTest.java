package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.api.LocalApiServer;
import dev.omniarchitect.local.runtime.EngineRecovery;
import dev.omniarchitect.local.runtime.LocalExecutions;
import dev.omniarchitect.local.runtime.LocalPipeline;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A drain, as SIGTERM starts it, seen over HTTP: while the calls in flight end, a new submission gets
 * 503 with Retry-After and leaves nothing; the calls in flight record their results; the aggregation
 * is left for the next start, so the job stays unfinished in the store. A sync call's items in flight are waited
 * for alike, and its items not yet started are left for the next start.
 */
class EngineDrainTest {

    private LoopbackOpenAiServer provider;
    private LocalPipeline pipeline;
    private LocalApiServer server;

    @BeforeEach
    void start() {
        provider = LoopbackOpenAiServer.start().latency(Duration.ofMillis(2000));
        pipeline = LocalPipeline.builder()
                .environment(Map.of("OMNI_DEFAULT_PROVIDER", "openai", "OPENAI_BASE_URL", provider.baseUrl(),
                        "OPENAI_API_KEY", "sk-loopback-drain-0123456789"))
                .logOutput(new PrintStream(new ByteArrayOutputStream())).build();
        server = LocalApiServer.start(pipeline.functions(), pipeline.services().mapper(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
        pipeline.close();
        provider.close();
    }

    @Test
    void aDrainingEngineRefusesNewJobsAndLetsTheCallsInFlightEnd() throws Exception {
        URI api = server.uri();
        String jobId = EngineApi.jobIdOf(EngineApi.post(api, EngineApi.batch("drain", 3, null)));
        awaitCalls(3);
        CompletableFuture<LocalExecutions.Drained> drained = CompletableFuture.supplyAsync(
                () -> pipeline.recovery().drain(EngineRecovery.DRAIN_BOUND));
        // A submission may race ahead of the drain's start: accepted then, it stays for the next start too.
        Set<String> kept = new HashSet<>(Set.of(jobId));
        HttpResponse<String> refused = EngineApi.post(api, EngineApi.batch("late", 1, null));
        while (refused.statusCode() == 202) {
            kept.add(EngineApi.jobIdOf(refused));
            refused = EngineApi.post(api, EngineApi.batch("late", 1, null));
        }
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("5", refused.headers().firstValue("Retry-After").orElse(""));

        LocalExecutions.Drained left = drained.get();
        assertEquals(0, left.invocationsCut(), "the calls in flight ended within the bound: " + left);
        assertEquals(kept, EngineApi.storedJobIds(pipeline), "nothing kept of the refused submission");
        JsonNode record = EngineApi.get(api, jobId);
        assertEquals(3, record.path("items").size(), "the calls in flight recorded their results: " + record);
        assertEquals("RUNNING", record.path("status").asText(),
                "not aggregated: the next start resumes it, and aggregates it once: " + record);
    }

    @Test
    void aDrainWaitsForTheItemsOfASyncCallInFlightAndLeavesTheRestForTheNextStart() throws Exception {
        URI api = server.uri();
        ObjectNode document = (ObjectNode) Json.mapper().readTree(EngineApi.batch("sync-drain", 4, null));
        document.put("mode", "sync");
        // Four items: three run at once (the job's cap), the fourth waits for a lane.
        CompletableFuture<HttpResponse<String>> call = EngineApi.HTTP.sendAsync(HttpRequest.newBuilder(
                        api.resolve("/v1/generations")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Prefer", "wait=25")
                .POST(HttpRequest.BodyPublishers.ofString(document.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitCalls(3);

        LocalExecutions.Drained left = pipeline.recovery().drain(EngineRecovery.DRAIN_BOUND);
        assertEquals(0, left.invocationsCut(), "the drain waited for the sync call's items in flight: " + left);
        HttpResponse<String> answer = call.get(60, TimeUnit.SECONDS);
        assertEquals(202, answer.statusCode(), answer.body());
        JsonNode record = Json.mapper().readTree(answer.body());
        assertEquals(3, record.path("items").size(), "the items in flight recorded their results: " + record);
        record.path("items").forEach(item -> assertEquals("SUCCEEDED", item.path("status").asText(),
                item.toString()));
        assertEquals(3, provider.calls(), "the fourth item did not start once the engine was stopping");
        String jobId = record.path("jobId").asText();
        assertTrue(pipeline.services().jobs().unfinished().join().stream().anyMatch(job -> job.jobId().equals(jobId)),
                "the job is left unfinished for the next start, not failed: " + record);
    }

    private void awaitCalls(int calls) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (provider.calls() < calls) {
            assertTrue(System.nanoTime() < deadline, "the items never reached the provider: " + provider.calls());
            Thread.sleep(20);
        }
    }
}
