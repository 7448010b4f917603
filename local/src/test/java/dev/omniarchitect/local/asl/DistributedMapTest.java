package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed Maps executed by the local executor against a directory standing in for S3: items read from JSON
 * Lines and JSON arrays, batched, run as child executions at most MaxConcurrency at once, failures tolerated or
 * not, results in the output or written to S3 with their manifest.
 */
class DistributedMapTest {

    private static final String DEFINITION = """
            {
              "StartAt": "Fan",
              "States": {
                "Fan": {
                  "Type": "Map",
                  "ItemReader": ${Reader},
                  "ItemSelector": {"n.$": "$$.Map.Item.Value.n", "index.$": "$$.Map.Item.Index", "job.$": "$.job"},
                  ${Extra}
                  "MaxConcurrency": 3,
                  "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Square",
                    "States": {
                      "Square": {
                        "Type": "Task",
                        "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "square", "Payload.$": "$"},
                        "ResultSelector": {"square.$": "$.Payload"},
                        "End": true
                      }
                    }
                  },
                  ${Writer}
                  ${Catch}
                  "End": true
                },
                "Caught": {"Type": "Pass", "End": true}
              }
            }
            """;
    private static final String JSONL_READER = """
            {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
             "Parameters": {"Bucket": "omni-jobs", "Key.$": "$.key"}}""";
    private static final String RESULTS = """
            "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                             "Parameters": {"Bucket": "omni-jobs", "Prefix.$": "$.job"}},""";

    @TempDir
    Path s3;

    /** Squares the payload's n (or each item's n of a batch); fails for the n it is told to; counts calls in flight. */
    private static final class Squares implements LambdaInvoker {
        final Set<Integer> failing;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final List<JsonNode> payloads = java.util.Collections.synchronizedList(new ArrayList<>());

        Squares(Set<Integer> failing) {
            this.failing = failing;
        }

        @Override
        public JsonNode invoke(String functionName, JsonNode payload) throws LambdaFailure {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                payloads.add(payload);
                Thread.sleep(2);
                if (payload.has("Items")) {
                    int sum = 0;
                    for (JsonNode item : payload.path("Items")) {
                        sum += item.path("n").intValue();
                    }
                    return JsonNodeFactory.instance.numberNode(sum);
                }
                int n = payload.path("n").intValue();
                if (failing.contains(n)) {
                    throw new LambdaFailure("SquareError", "cannot square " + n);
                }
                return JsonNodeFactory.instance.numberNode(n * n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LambdaFailure("Interrupted", "stopped");
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private void put(String key, String content) throws IOException {
        try (OutputStream out = new DirectoryObjectStore(s3).write("omni-jobs", key)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private JsonNode object(String key) throws IOException {
        return json(Files.readString(s3.resolve("omni-jobs").resolve(key)));
    }

    private static String lines(int count) {
        StringBuilder text = new StringBuilder();
        IntStream.range(0, count).forEach(n -> text.append("{\"n\": ").append(n).append("}\n").append(n % 7 == 0 ? "\n" : ""));
        return text.toString();
    }

    private ExecutionResult run(Squares squares, Map<String, String> parts) {
        Map<String, String> substitutions = new java.util.HashMap<>(Map.of("Reader", JSONL_READER, "Extra", "",
                "Writer", "", "Catch", ""));
        substitutions.putAll(parts);
        StateMachineDefinition definition = StateMachineDefinition.parse(DEFINITION, substitutions);
        return LocalExecutor.builder().lambdaInvoker(squares).objectStore(new DirectoryObjectStore(s3)).build()
                .execute(definition, "job-1", json("{\"key\": \"items.jsonl\", \"job\": \"j1\"}"));
    }

    @Test
    void itemsReadFromJsonLinesRunAsChildrenAtMostMaxConcurrencyAtOnceAndComeBackInOrder() throws IOException {
        put("items.jsonl", lines(50));
        Squares squares = new Squares(Set.of());

        ExecutionResult result = run(squares, Map.of());

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(50, result.output().size());
        for (int n = 0; n < 50; n++) {
            assertEquals(n * n, result.output().get(n).path("square").intValue(), "item " + n);
        }
        assertTrue(squares.peak.get() <= 3 && squares.peak.get() >= 2, "peak " + squares.peak.get());
        JsonNode first = squares.payloads.stream().filter(p -> p.path("n").intValue() == 7).findFirst().orElseThrow();
        assertEquals(json("{\"n\": 7, \"index\": 7, \"job\": \"j1\"}"), first, "ItemSelector sees the item and $");
    }

    @Test
    void aJsonArrayIsReadUpToMaxItems() throws IOException {
        put("items.json", "[" + String.join(",", IntStream.range(0, 30).mapToObj(n -> "{\"n\":" + n + "}").toList()) + "]");
        ExecutionResult result = run(new Squares(Set.of()), Map.of("Reader", """
                {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "MaxItems": 12},
                 "Parameters": {"Bucket": "omni-jobs", "Key": "items.json"}}"""));

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(12, result.output().size());
        assertEquals(121, result.output().get(11).path("square").intValue());
    }

    @Test
    void batchesCarryAtMostTheirItemsAndBytesWithTheirBatchInput() throws IOException {
        put("items.jsonl", lines(10));
        Squares squares = new Squares(Set.of());

        ExecutionResult result = run(squares, Map.of("Extra", """
                "ItemBatcher": {"MaxItemsPerBatch": 4, "BatchInput": {"job.$": "$.job"}},"""));

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(json("[{\"square\": 6}, {\"square\": 22}, {\"square\": 17}]"), result.output(),
                "sums of 0-3, 4-7, 8-9");
        assertEquals(3, squares.payloads.size());
        squares.payloads.forEach(payload -> assertEquals("j1", payload.path("BatchInput").path("job").asText()));

        Squares bySize = new Squares(Set.of());
        ExecutionResult small = run(bySize, Map.of("Extra", """
                "ItemBatcher": {"MaxInputBytesPerBatch": 100},"""));
        assertEquals(ExecutionResult.Status.SUCCEEDED, small.status(), () -> small.error() + ": " + small.cause());
        for (JsonNode payload : bySize.payloads) {
            assertTrue(payload.toString().getBytes(StandardCharsets.UTF_8).length <= 100, payload.toString());
        }
        assertEquals(10, bySize.payloads.stream().mapToInt(payload -> payload.path("Items").size()).sum(),
                "every item in some batch");
        assertTrue(bySize.payloads.size() > 1);
    }

    @Test
    void failuresWithinTheToleranceLeaveAResultForEveryItemWrittenToS3WithItsManifest() throws IOException {
        put("items.jsonl", lines(20));

        ExecutionResult result = run(new Squares(Set.of(3, 11)), Map.of("Extra", "\"ToleratedFailurePercentage\": 10,",
                "Writer", RESULTS));

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        String manifestKey = result.output().path("ResultWriterDetails").path("Key").asText();
        assertEquals("omni-jobs", result.output().path("ResultWriterDetails").path("Bucket").asText());
        assertTrue(manifestKey.startsWith("j1/") && manifestKey.endsWith("/manifest.json"), manifestKey);
        assertTrue(result.output().path("MapRunArn").asText().startsWith("arn:aws:states:local:000000000000:mapRun:"));
        JsonNode manifest = object(manifestKey);
        assertEquals(result.output().path("MapRunArn"), manifest.path("MapRunArn"));
        JsonNode succeeded = object(manifest.path("ResultFiles").path("SUCCEEDED").get(0).path("Key").asText());
        JsonNode failed = object(manifest.path("ResultFiles").path("FAILED").get(0).path("Key").asText());
        assertEquals(18, succeeded.size());
        assertEquals(2, failed.size());
        assertEquals(0, manifest.path("ResultFiles").path("PENDING").size());
        assertEquals(Files.size(s3.resolve("omni-jobs").resolve(manifest.path("ResultFiles").path("FAILED").get(0)
                .path("Key").asText())), manifest.path("ResultFiles").path("FAILED").get(0).path("Size").longValue());
        for (JsonNode record : failed) {
            assertEquals("FAILED", record.path("Status").asText());
            assertEquals("SquareError", record.path("Error").asText());
            assertTrue(Set.of(3, 11).contains(json(record.path("Input").asText()).path("n").intValue()));
        }
        Set<Integer> squares = new java.util.HashSet<>();
        for (JsonNode record : succeeded) {
            assertEquals("SUCCEEDED", record.path("Status").asText());
            squares.add(json(record.path("Output").asText()).path("square").intValue());
        }
        assertEquals(18, squares.size());
        assertFalse(squares.contains(9));
    }

    @Test
    void failuresBeyondTheToleranceFailTheMapWithItsOwnErrorWhichACatchCanTake() throws IOException {
        put("items.jsonl", lines(20));

        ExecutionResult overPercentage = run(new Squares(Set.of(1, 2, 3)), Map.of("Extra",
                "\"ToleratedFailurePercentage\": 10,", "Writer", RESULTS));
        assertEquals(ExecutionResult.Status.FAILED, overPercentage.status());
        assertEquals(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD, overPercentage.error());
        assertTrue(overPercentage.cause().contains("3 of 20 items failed"), overPercentage.cause());

        ExecutionResult noTolerance = run(new Squares(Set.of(5)), Map.of());
        assertEquals(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD, noTolerance.error(), "by default none is tolerated");

        ExecutionResult overCount = run(new Squares(Set.of(1, 2)), Map.of("Extra", "\"ToleratedFailureCount\": 1,"));
        assertEquals(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD, overCount.error());

        ExecutionResult caught = run(new Squares(Set.of(1, 2)), Map.of("Extra", "\"ToleratedFailureCount\": 1,",
                "Catch", """
                "Catch": [{"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "ResultPath": "$.failure",
                           "Next": "Caught"}],"""));
        assertEquals(ExecutionResult.Status.SUCCEEDED, caught.status(), () -> caught.error() + ": " + caught.cause());
        assertEquals(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD, caught.output().path("failure").path("Error")
                .asText());
    }

    @Test
    void twoThousandItemsEachEndWithARecordInTheExportedResults() throws IOException {
        put("items.jsonl", lines(2_000));

        ExecutionResult result = run(new Squares(Set.of(10, 1_000)), Map.of("Extra",
                "\"ToleratedFailureCount\": 2,", "Writer", RESULTS.replace("\"Prefix.$\": \"$.job\"}",
                        "\"Prefix.$\": \"$.job\"}, \"WriterConfig\": {\"Transformation\": \"COMPACT\", "
                                + "\"OutputType\": \"JSONL\"}")));

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        JsonNode files = object(result.output().path("ResultWriterDetails").path("Key").asText()).path("ResultFiles");
        List<String> succeeded = Files.readAllLines(s3.resolve("omni-jobs")
                .resolve(files.path("SUCCEEDED").get(0).path("Key").asText()));
        List<String> failed = Files.readAllLines(s3.resolve("omni-jobs")
                .resolve(files.path("FAILED").get(0).path("Key").asText()));
        assertEquals(1_998, succeeded.size());
        assertEquals(2, failed.size());
        assertEquals(1_998, succeeded.stream().map(line -> json(line).path("square").intValue()).distinct().count(),
                "COMPACT: each line a child's output");
        failed.forEach(line -> assertEquals("FAILED", json(line).path("Status").asText(), "a failure stays whole"));
    }

    @Test
    void anObjectThatCannotBeReadFailsTheMapAsItsReaderFailing() throws IOException {
        ExecutionResult missing = run(new Squares(Set.of()), Map.of());
        assertEquals(ItemSource.READER_FAILED, missing.error());
        assertTrue(missing.cause().contains("s3://omni-jobs/items.jsonl") && missing.cause().contains("no such object"),
                missing.cause());

        put("items.jsonl", "{\"n\": 1}\n{\"n\": 2\n");
        ExecutionResult malformed = run(new Squares(Set.of()), Map.of());
        assertEquals(ItemSource.READER_FAILED, malformed.error());
        assertTrue(malformed.cause().contains("line 2"), malformed.cause());
    }

    @Test
    void whatTheExecutorDoesNotImplementIsRefusedByName() {
        Map<String, String> refused = Map.of(
                "InputType", "{\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"CSV\"},"
                        + " \"Parameters\": {\"Bucket\": \"omni-jobs\", \"Key\": \"k\"}}",
                "Resource", "{\"Resource\": \"arn:aws:states:::s3:listObjectsV2\", \"Parameters\": {\"Bucket\": \"b\"}}");
        refused.forEach((field, reader) -> {
            DefinitionException e = assertThrows(DefinitionException.class, () -> StateMachineDefinition.parse(
                    DEFINITION, Map.of("Reader", reader, "Extra", "", "Writer", "", "Catch", "")));
            assertTrue(e.getMessage().contains(field), e.getMessage());
        });
        DefinitionException both = assertThrows(DefinitionException.class, () -> StateMachineDefinition.parse(
                DEFINITION, Map.of("Reader", JSONL_READER, "Extra", "\"ItemsPath\": \"$.items\",", "Writer", "",
                        "Catch", "")));
        assertTrue(both.getMessage().contains("ItemsPath"), both.getMessage());
        DefinitionException label = assertThrows(DefinitionException.class, () -> StateMachineDefinition.parse(
                DEFINITION, Map.of("Reader", JSONL_READER, "Extra", "\"Label\": \"no spaces here\",", "Writer", "",
                        "Catch", "")));
        assertTrue(label.getMessage().contains("Label"), label.getMessage());
    }

    @Test
    void aKeyCannotLeaveItsBucket() {
        DirectoryObjectStore store = new DirectoryObjectStore(s3);
        for (String key : List.of("../other/x", "/etc/passwd", "a/../../x", "")) {
            assertThrows(IOException.class, () -> store.file("omni-jobs", key), key);
        }
        assertThrows(IOException.class, () -> store.file("Not_A_Bucket", "k"));
    }
}
