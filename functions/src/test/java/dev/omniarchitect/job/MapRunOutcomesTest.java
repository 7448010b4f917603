package dev.omniarchitect.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.json.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A Distributed Map's results, as its ResultWriter lays them out in S3, read back into item outcomes. */
class MapRunOutcomesTest {

    private final Map<String, String> objects = new HashMap<>();
    private final JobFileStore store = new JobFileStore() {
        @Override
        public CompletableFuture<Void> put(String key, byte[] content) {
            objects.put(key, new String(content, StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<InputStream> open(String key) {
            String content = objects.get(key);
            return content == null ? CompletableFuture.failedFuture(new NoSuchFileException(key))
                    : CompletableFuture.completedFuture(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String bucket() {
            return "omni-job-files";
        }
    };

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
