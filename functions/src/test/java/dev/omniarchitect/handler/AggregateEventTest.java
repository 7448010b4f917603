package dev.omniarchitect.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.MapItemOutcome;
import dev.omniarchitect.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AggregateFunction's event, read by Jackson into a record, as the Aggregate state sends it. */
class AggregateEventTest {

    @Test
    void theSampleEventIsReadWithEveryOutcome() throws IOException {
        AggregateEvent event = read(Files.readString(Path.of("..", "events", "aggregate.json")));

        assertEquals("20261126-175432-3f9a1c2b", event.jobId());
        assertEquals(Instant.parse("2026-11-26T17:54:32.123Z"), event.executionStartTime());
        assertEquals(List.of("orders-dockerfile", "orders-k8s"), event.itemIds());
        List<MapItemOutcome> outcomes = event.mapOutcomes(Json.mapper());
        assertEquals(2, outcomes.size());
        assertEquals(ItemStatus.SUCCEEDED, outcomes.get(0).outcome().status());
        assertEquals("orders-k8s", outcomes.get(1).itemId());
        assertEquals("Lambda.Unknown", outcomes.get(1).executionError());
    }

    @Test
    void theDistributedMapsEventNamesItsResultManifest() throws IOException {
        AggregateEvent event = read("""
                {"jobId": "j", "executionStartTime": "2026-11-26T17:54:32Z",
                 "results": {"Bucket": "omni-job-files", "Key": "map-runs/0f3c/manifest.json"}}""");

        assertEquals("map-runs/0f3c/manifest.json", event.results().path("Key").textValue());
        assertNull(event.itemIds(), "the header lists the items");
        assertEquals(List.of(), event.outcomes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Bucket\": \"b\"}", "{\"Key\": \"k\"}", "\"s3://b/k\"", "{\"Bucket\": 1, \"Key\": \"k\"}"})
    void resultsThatAreNotAManifestsPlaceAreAnInvalidEvent(String results) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> read(
                "{\"jobId\": \"j\", \"executionStartTime\": \"2026-11-26T17:54:32Z\", \"results\": " + results + "}"));

        assertTrue(e.getMessage().startsWith("results must be the Map's ResultWriterDetails"), e.getMessage());
    }

    @Test
    void aMalformedOutcomeCostsOnlyItsOwnItem() throws IOException {
        AggregateEvent event = read("""
                {"jobId": "j", "executionStartTime": "2026-11-26T17:54:32Z",
                 "outcomes": [{"itemId": "a", "status": "NO-SUCH-STATUS"}]}""");

        assertNull(event.itemIds());
        MapItemOutcome outcome = event.mapOutcomes(Json.mapper()).get(0);
        assertEquals("a", outcome.itemId());
        assertTrue(!outcome.stored(), outcome.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}", "{\"executionStartTime\": \"2026-11-26T17:54:32Z\"}",
        "{\"jobId\": \"j\"}", "{\"jobId\": \"j\", \"executionStartTime\": \"yesterday\"}",
        "{\"jobId\": \"j\", \"executionStartTime\": \"2026-11-26T17:54:32Z\", \"outcomes\": 3}"})
    void anEventOfAnotherShapeIsAnInvalidEvent(String json) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> read(json));

        assertTrue(e.getMessage().contains("jobId") || e.getMessage().contains("executionStartTime"), e.getMessage());
    }

    private static AggregateEvent read(String json) throws IOException {
        return AggregateEvent.read(Json.mapper(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
