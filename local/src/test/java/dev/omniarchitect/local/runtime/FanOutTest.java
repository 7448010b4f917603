package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Ten items through the real state machine with a 300 ms provider: three calls in flight, never more. */
class FanOutTest extends PipelineTestBase {

    @Test
    void tenItemsRunThreeAtATime() {
        server.latency(Duration.ofMillis(300));

        JobRecord record = run(Batches.of(10, "{\"cache\": \"bypass\"}"));

        assertEquals(JobStatus.SUCCEEDED, record.status());
        assertEquals(10, server.calls());
        assertEquals(3, server.peakInFlight(), "MaxConcurrency 3 must allow exactly three calls in flight");
        assertEquals(10, record.summary().succeeded());
        // ceil(10/3) rounds of 300 ms is the least it can take with three in flight.
        assertTrue(record.summary().wallMs() >= 4 * 300, "wall " + record.summary().wallMs() + " ms");
        // Items overlapped: their durations add up to well over the wall time (1.0 would be sequential).
        assertTrue(record.summary().speedup() >= 1.5, "speedup " + record.summary().speedup());
        for (ItemResult item : record.items()) {
            assertEquals(ItemStatus.SUCCEEDED, item.status());
            assertFalse(item.cached());
            assertEquals("openai", item.provider());
            assertEquals("loopback-model-2026", item.model());
            assertEquals(120, item.usage().inputTokens());
            assertEquals(1, item.attempts().size());
            assertEquals("generated.yaml", item.files().get(0).path());
            assertNull(item.error());
        }
        assertEquals(10 * 120, record.summary().inputTokens());
    }

    @Test
    void logsAreJsonLinesWithIdsAndNeverTheKeyOrThePrompt() throws Exception {
        run(Batches.of(3, "{}"));

        String logs = logText();
        assertFalse(logs.isBlank());
        assertFalse(logs.contains("sk-loopback-secret-key-123456"), "the API key was logged");
        assertFalse(logs.contains("prompt 1"), "a prompt was logged");
        assertFalse(logs.contains("request: "), "an answer body was logged");
        for (String line : logs.split("\n")) {
            var event = dev.omniarchitect.json.Json.mapper().readTree(line);
            assertTrue(event.hasNonNull("event"), line);
            if (event.path("event").asText().startsWith("item.")) {
                assertTrue(event.hasNonNull("jobId") && event.hasNonNull("itemId"), line);
            }
        }
    }
}
