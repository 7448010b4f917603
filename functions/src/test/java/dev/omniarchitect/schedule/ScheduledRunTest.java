package dev.omniarchitect.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.batch.InvalidBatchException;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Scheduled-run events as EventBridge Scheduler delivers them to ApiFunction. */
class ScheduledRunTest {

    @Test
    void anS3RunNamesItsObjectAndOneTokenPerDueTime() throws IOException {
        ScheduledRun run = ScheduledRun.from(event("{\"scheduledRun\": {\"name\": \"omni-prod\", "
                + "\"scheduledTime\": \"2026-11-27T03:00:00Z\", \"documentS3Uri\": \"s3://acme.batches/nightly/fleet.json\"}}"));
        assertEquals(URI.create("s3://acme.batches/nightly/fleet.json"), run.documentS3Uri());
        assertEquals("acme.batches", run.documentS3Uri().getHost());
        assertNull(run.document());
        assertEquals("schedule:omni-prod:2026-11-27T03:00:00Z", run.clientToken());
    }

    @Test
    void anInlineRunWithoutDueTimeHasNoToken() throws IOException {
        ScheduledRun run = ScheduledRun.from(event("{\"scheduledRun\": {\"document\": {\"items\": []}}}"));
        assertTrue(run.document().isObject());
        assertEquals("scheduled", run.name());
        assertNull(run.clientToken(), "a manual invocation is a new job each time");
    }

    @Test
    void badRunsNameTheirFields() throws IOException {
        InvalidBatchException neither = assertThrows(InvalidBatchException.class,
                () -> ScheduledRun.from(event("{\"scheduledRun\": {\"name\": \"x\"}}")));
        assertTrue(neither.getMessage().contains("not neither"), neither.getMessage());
        InvalidBatchException badUri = assertThrows(InvalidBatchException.class, () -> ScheduledRun.from(event(
                "{\"scheduledRun\": {\"documentS3Uri\": \"https://bucket/key\", \"name\": \"bad name!\"}}")));
        assertEquals(2, badUri.violations().size());
        assertEquals("scheduledRun.name", badUri.violations().get(0).field());
        assertEquals("scheduledRun.documentS3Uri", badUri.violations().get(1).field());
    }

    private static JsonNode event(String json) throws IOException {
        return Json.mapper().readTree(json);
    }
}
