package dev.omniarchitect.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.json.Json;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Distributed Map's results, as its ResultWriter lays them out in S3, read back into item outcomes. */
class MapRunOutcomesTest {

    private final MemoryJobFiles objects = new MemoryJobFiles();
    private final JobFileStore store = objects;

    // The layout Step Functions documents: a manifest listing result files by status; each file a JSON array of
    // execution records whose Input and Output are JSON text.
    private void mapRun() {
        objects.put("map-runs/r1/manifest.json", """
                {"DestinationBucket": "omni-job-files", "MapRunArn": "arn:aws:states:eu-west-1:1:mapRun:g/GenerateItems:r1",
                 "ResultFiles": {"FAILED": [{"Key": "map-runs/r1/FAILED_0.json", "Size": 1}], "PENDING": [],
                                 "SUCCEEDED": [{"Key": "map-runs/r1/SUCCEEDED_0.json", "Size": 1}]}}""");
        objects.put("map-runs/r1/SUCCEEDED_0.json", """
                [{"ExecutionArn": "arn:aws:states:eu-west-1:1:execution:g/GenerateItems:a", "Status": "SUCCEEDED",
                  "Input": "{\\"jobId\\":\\"j\\",\\"itemId\\":\\"a\\"}",
                  "Output": "{\\"itemId\\":\\"a\\",\\"status\\":\\"SUCCEEDED\\",\\"cached\\":true,\\"durationMs\\":4,\\"contentRef\\":\\"dynamodb://t/j/result#a\\"}"},
                 {"Status": "SUCCEEDED", "Input": "{\\"jobId\\":\\"j\\",\\"itemId\\":\\"b\\"}",
                  "Output": "{\\"itemId\\":\\"b\\",\\"status\\":\\"FAILED\\",\\"executionError\\":\\"Lambda.Unknown\\"}"}]""");
        objects.put("map-runs/r1/FAILED_0.json", """
                [{"Status": "FAILED", "Input": "{\\"jobId\\":\\"j\\",\\"itemId\\":\\"c\\"}",
                  "Error": "States.DataLimitExceeded", "Cause": "The state/task returned a result with a size exceeding the maximum"}]""");
    }

    @Test
    void everyChildBecomesItsItemsOutcome() {
        mapRun();

        List<MapItemOutcome> outcomes = new MapRunOutcomes(store, Json.mapper()).read("map-runs/r1/manifest.json");

        assertEquals(List.of("c", "a", "b"), outcomes.stream().map(MapItemOutcome::itemId).toList());
        MapItemOutcome failedChild = outcomes.get(0);
        assertEquals("States.DataLimitExceeded", failedChild.executionError(), "the error's name, never its Cause");
        assertNull(failedChild.outcome());
        MapItemOutcome stored = outcomes.get(1);
        assertTrue(stored.stored());
        assertTrue(stored.outcome().cached());
        assertEquals(4, stored.outcome().durationMs());
        assertEquals("Lambda.Unknown", outcomes.get(2).executionError(), "what the child's Catch made of a failure");
    }

    @Test
    void resultFilesInJsonLinesAreReadToo() {
        objects.put("m.json", "{\"ResultFiles\": {\"SUCCEEDED\": [{\"Key\": \"s.jsonl\"}]}}");
        objects.put("s.jsonl", "{\"Status\":\"SUCCEEDED\",\"Input\":\"{\\\"itemId\\\":\\\"a\\\"}\",\"Output\":"
                + "\"{\\\"itemId\\\":\\\"a\\\",\\\"status\\\":\\\"SUCCEEDED\\\"}\"}\n"
                + "{\"Status\":\"ABORTED\",\"Input\":\"{\\\"itemId\\\":\\\"b\\\"}\"}\n");

        List<MapItemOutcome> outcomes = new MapRunOutcomes(store, Json.mapper()).read("m.json");

        assertEquals(List.of("a", "b"), outcomes.stream().map(MapItemOutcome::itemId).toList());
        assertEquals("States.ABORTED", outcomes.get(1).executionError());
    }

    @Test
    void aMissingFileSaysWhichOne() {
        mapRun();
        objects.remove("map-runs/r1/FAILED_0.json");

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new MapRunOutcomes(store, Json.mapper()).read("map-runs/r1/manifest.json"));

        assertEquals("the Map Run's result file map-runs/r1/FAILED_0.json cannot be read", e.getMessage());
    }
}
