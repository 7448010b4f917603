package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.local.api.LocalApiServer;
import dev.omniarchitect.local.runtime.EngineRecovery;
import dev.omniarchitect.local.runtime.LocalExecutions;
import dev.omniarchitect.local.runtime.LocalPipeline;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A drain, as SIGTERM starts it, seen over HTTP: while the calls in flight end, a new submission gets
 * 503 with Retry-After and leaves nothing; the calls in flight record their results; the aggregation
 * is left for the next start, so the job stays unfinished in the store.
 */
class EngineDrainTest {

    @Test
    void aDrainingEngineRefusesNewJobsAndLetsTheCallsInFlightEnd() throws Exception {
        try (LoopbackOpenAiServer provider = LoopbackOpenAiServer.start().latency(Duration.ofMillis(2000));
             LocalPipeline pipeline = LocalPipeline.builder()
                     .environment(Map.of("OMNI_DEFAULT_PROVIDER", "openai", "OPENAI_BASE_URL", provider.baseUrl(),
                             "OPENAI_API_KEY", "sk-loopback-drain-0123456789"))
                     .logOutput(new PrintStream(new ByteArrayOutputStream())).build();
             LocalApiServer server = LocalApiServer.start(pipeline.functions(), pipeline.services().mapper(), 0)) {
            URI api = server.uri();
            String jobId = EngineApi.jobIdOf(EngineApi.post(api, EngineApi.batch("drain", 3, null)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (provider.calls() < 3) {
                assertTrue(System.nanoTime() < deadline, "the items never reached the provider");
                Thread.sleep(20);
            }
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
    }
}
