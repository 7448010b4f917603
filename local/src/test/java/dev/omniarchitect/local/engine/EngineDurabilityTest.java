package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine ({@code omni serve} in its own JVM) stopped with real signals while jobs are mid-flight
 * against a slow loopback provider, then started again on the same data directory: every job ends
 * SUCCEEDED with all its items, aggregated once; items that had ended keep their results; a
 * clientToken replay after the restart leads to the job, which finishes.
 */
class EngineDurabilityTest {

    private static final int JOBS = 3;
    private static final int ITEMS = 6;
    // Long enough that a loaded machine still sees every job mid-flight between two polls.
    private static final Duration SLOW = Duration.ofMillis(4000);

    @TempDir
    Path temp;

    private LoopbackOpenAiServer provider;
    private final List<EngineProcess> engines = new ArrayList<>();

    @BeforeEach
    void provider() {
        provider = LoopbackOpenAiServer.start().latency(SLOW);
    }

    @AfterEach
    void stopEverything() {
        engines.forEach(EngineProcess::close);
        provider.close();
    }

    @Test
    void killedWithJobsInFlightThenRestartedEveryJobEndsWithOneAggregation() throws Exception {
        EngineProcess first = start();
        Map<String, String> jobs = submit(first.api());
        awaitInFlight(first.api(), jobs);
        Map<String, Set<String>> endedBefore = endedItems(first.api(), jobs);
        assertEquals(137, first.kill(), "SIGKILL ends the JVM with 128 + 9");

        provider.latency(Duration.ofMillis(100));
        EngineProcess second = start();
        assertTrue(second.awaitOutput("Resumed " + JOBS + " unfinished job(s)", Duration.ofSeconds(30)),
                second.output());
        HttpResponse<String> replay = EngineApi.post(second.api(), EngineApi.batch("j0", ITEMS, "durable-token-0"));
        assertEquals(202, replay.statusCode(), replay.body());
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(jobs.get("j0"), EngineApi.jobIdOf(replay), "the replay names the job the token started");

        assertEveryJobSucceeded(second.api(), jobs);
        // Items that had ended before the kill were not generated again: their provider call was the only one.
        Map<String, Integer> calls = callsByMarker();
        endedBefore.forEach((tag, items) -> items.forEach(item -> assertEquals(1,
                calls.getOrDefault(EngineApi.marker(tag, Integer.parseInt(item.substring(5))), 0),
                tag + "/" + item + " had ended before the kill: " + calls)));
        assertTrue(endedBefore.values().stream().mapToInt(Set::size).sum() > 0, "some items had ended: " + endedBefore);
    }

    @Test
    void terminatedWithJobsInFlightFinishesTheCallsInFlightAndTheNextStartTheRest() throws Exception {
        EngineProcess first = start();
        Map<String, String> jobs = submit(first.api());
        awaitInFlight(first.api(), jobs);
        long beforeStop = System.nanoTime();
        int status = first.terminate(Duration.ofSeconds(40));
        long stopMs = (System.nanoTime() - beforeStop) / 1_000_000;
        assertEquals(143, status, "SIGTERM ends the JVM with 128 + 15: " + first.output());
        assertTrue(stopMs < 30_000, "the drain is bounded (10 s) and took " + stopMs + " ms");

        provider.latency(Duration.ofMillis(100));
        EngineProcess second = start();
        assertEveryJobSucceeded(second.api(), jobs);
        // The calls in flight at SIGTERM were let finish and recorded; nothing was generated twice.
        Map<String, Integer> calls = callsByMarker();
        for (String tag : jobs.keySet()) {
            for (int i = 0; i < ITEMS; i++) {
                assertEquals(1, calls.getOrDefault(EngineApi.marker(tag, i), 0),
                        "one provider call for " + tag + " item " + i + ": " + calls);
            }
        }
    }

    private EngineProcess start() {
        Path data = temp.resolve("data");
        EngineProcess engine = EngineProcess.start(Map.of(
                "OMNI_DATA_DIR", data.toString(),
                "OMNI_DEFAULT_PROVIDER", "openai",
                "OPENAI_BASE_URL", provider.baseUrl(),
                "OPENAI_API_KEY", "sk-loopback-durability-0123456789"), temp);
        engines.add(engine);
        return engine;
    }

    /** Three jobs of six items, the first with a client token; tag to job id. */
    private static Map<String, String> submit(URI api) throws IOException, InterruptedException {
        Map<String, String> jobs = new HashMap<>();
        for (int j = 0; j < JOBS; j++) {
            String tag = "j" + j;
            jobs.put(tag, EngineApi.jobIdOf(EngineApi.post(api, EngineApi.batch(tag, ITEMS,
                    j == 0 ? "durable-token-0" : null))));
        }
        return jobs;
    }

    /** Waits until each job has ended some items and has more in flight (MaxConcurrency 3 of 6). */
    private void awaitInFlight(URI api, Map<String, String> jobs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            boolean all = true;
            for (String jobId : jobs.values()) {
                all &= EngineApi.get(api, jobId).path("progress").path("done").asInt() >= 3;
            }
            if (all && provider.calls() > JOBS * 3) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the jobs never got under way");
            Thread.sleep(50);
        }
    }

    private static Map<String, Set<String>> endedItems(URI api, Map<String, String> jobs)
            throws IOException, InterruptedException {
        Map<String, Set<String>> ended = new HashMap<>();
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            JsonNode record = EngineApi.get(api, job.getValue());
            assertTrue(!record.path("status").asText().equals("SUCCEEDED"), "mid-flight, not done: " + record);
            Set<String> ids = new HashSet<>();
            record.path("items").forEach(item -> ids.add(item.path("id").asText()));
            ended.put(job.getKey(), ids);
        }
        return ended;
    }

    private void assertEveryJobSucceeded(URI api, Map<String, String> jobs) throws IOException, InterruptedException {
        for (String jobId : jobs.values()) {
            JsonNode record = EngineApi.awaitEnd(api, jobId, Duration.ofSeconds(90));
            assertEquals("SUCCEEDED", record.path("status").asText(), record.toString());
            assertEquals(ITEMS, record.path("items").size(), record.toString());
            assertEquals(ITEMS, record.path("summary").path("succeeded").asInt(), record.toString());
        }
        String log = Files.readString(temp.resolve("data").resolve("logs").resolve("omni.log"), StandardCharsets.UTF_8);
        for (String jobId : jobs.values()) {
            long aggregations = log.lines()
                    .filter(line -> line.contains("\"job.finished\"") && line.contains(jobId)).count();
            assertEquals(1, aggregations, "job " + jobId + " aggregated once");
        }
    }

    /** Provider calls so far, by the item marker found in their user message. */
    private Map<String, Integer> callsByMarker() {
        Map<String, Integer> calls = new HashMap<>();
        for (LoopbackOpenAiServer.Received received : provider.received()) {
            String message = LoopbackOpenAiServer.userMessage(received.body());
            java.util.regex.Matcher marker = java.util.regex.Pattern.compile("j[0-9]+-i[0-9]+\\.").matcher(message);
            if (marker.find()) {
                calls.merge(marker.group(), 1, Integer::sum);
            }
        }
        return calls;
    }
}
