package dev.omniarchitect.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * and long enough to outlast the longest deadline without overflowing the history of the item's own child
 * execution (the Map is a Distributed Map: each item runs as a child execution with a history of its own).
 */
class ProviderBusyRetryTest {

    /** Step Functions' limit of events in a Standard execution's history. */
    private static final int HISTORY_EVENTS = 25_000;
    /** The events one failed and retried Lambda task adds: scheduled, started, failed. */
    private static final int EVENTS_PER_RETRY = 3;

    private static JsonNode generateItems() throws IOException {
        JsonNode definition = Json.mapper().readTree(Files.readString(TemplateModel.DEFINITION)
                .replaceAll("\\$\\{\\w+}", "1"));
        return definition.path("States").path("GenerateItems");
    }

    private static JsonNode callProvider() throws IOException {
        return generateItems().path("ItemProcessor").path("States").path("CallProvider");
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
        // One item per child execution, no ItemBatcher: an item's retries fill its own history, whatever the
        // batch's size (BatchLimits.MAX_ITEMS); an inline Map would put every item's in the one execution's.
        assertEquals("DISTRIBUTED", generateItems().path("ItemProcessor").path("ProcessorConfig").path("Mode").asText());
        assertFalse(generateItems().has("ItemBatcher"), "one item per child execution");
        assertTrue(attempts * EVENTS_PER_RETRY < HISTORY_EVENTS * 0.8,
                "an item busy to the end must leave room in its child execution's history");
    }
}
