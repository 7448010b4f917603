package dev.omniarchitect.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.handler.ProviderCallHandler;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.limit.ProviderBusyException;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * An item the provider-wide limit keeps waiting goes back to the state machine: the Map's CallProvider
 * retries ProviderBusyException first, with its first start carried across the retries so its deadline holds,
 * and long enough to outlast the longest deadline without overflowing the execution's history.
 */
class ProviderBusyRetryTest {

    /** Step Functions' limit of events in a Standard execution's history. */
    private static final int HISTORY_EVENTS = 25_000;
    /** The events one failed and retried Lambda task adds: scheduled, started, failed. */
    private static final int EVENTS_PER_RETRY = 3;

    private static JsonNode callProvider() throws IOException {
        JsonNode definition = Json.mapper().readTree(Files.readString(TemplateModel.DEFINITION)
                .replaceAll("\\$\\{\\w+}", "1"));
        return definition.path("States").path("GenerateItems").path("ItemProcessor").path("States")
                .path("CallProvider");
    }

    @Test
    void theBusyErrorIsRetriedFirstAndTheFirstStartTravelsWithTheItem() throws IOException {
        JsonNode task = callProvider();
        JsonNode first = task.path("Retry").path(0);
        assertEquals(ProviderBusyException.class.getName(), first.path("ErrorEquals").path(0).asText());
        assertEquals(1, first.path("ErrorEquals").size(), "its own retrier: busy retries count apart");
        assertEquals("FULL", first.path("JitterStrategy").asText());
        JsonNode payload = task.path("Parameters").path("Payload");
        assertEquals("$$.State.EnteredTime", payload.path("firstStartedAt.$").asText(),
                "a retry keeps the state's entered time, so the item's deadline counts from its first start");
        assertEquals("$.jobId", payload.path("jobId.$").asText());
        assertEquals("$.itemId", payload.path("itemId.$").asText());
    }

    @Test
    void theRetriesOutlastTheLongestDeadlineAndFitTheHistory() throws IOException {
        JsonNode retry = callProvider().path("Retry").path(0);
        int attempts = retry.path("MaxAttempts").asInt();
        double interval = retry.path("IntervalSeconds").asDouble();
        double rate = retry.path("BackoffRate").asDouble();
        double cap = retry.path("MaxDelaySeconds").asDouble();
        // Full jitter waits half the backoff on average; the function's own short wait comes on top.
        double expectedSeconds = 0;
        for (int retry1 = 0; retry1 < attempts; retry1++) {
            expectedSeconds += Math.min(cap, interval * Math.pow(rate, retry1)) / 2;
        }
        assertTrue(expectedSeconds > BatchLimits.MAX_TIMEOUT_SECONDS * 1.25, "the retries average "
                + expectedSeconds + " s; the item's deadline, not the retrier, must end a long wait");
        assertTrue(ProviderCallHandler.LEASE_PATIENCE.toSeconds() <= retry.path("IntervalSeconds").asInt(),
                "a function waits no longer than the state machine's first wait");
        assertTrue(BatchLimits.MAX_ITEMS * attempts * EVENTS_PER_RETRY < HISTORY_EVENTS * 0.8,
                "every item busy to the end must leave room in the history");
    }
}
