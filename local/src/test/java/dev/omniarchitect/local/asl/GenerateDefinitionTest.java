package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.TreeMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the project's real statemachine/generate.asl.json, which the build packages on the classpath. */
class GenerateDefinitionTest {
    private static final Map<String, String> SUBSTITUTIONS = Map.of(
            "MaxConcurrency", "2",
            "ProviderCallFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:provider-call",
            "AggregateFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:aggregate:live",
            "ReconcileFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:reconcile:live",
            "ExecutionTimeoutSeconds", "60",
            "ToleratedFailurePercentage", "10",
            "JobFilesBucket", "job-files");

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Set<String> transientFailureSent = ConcurrentHashMap.newKeySet();
    /** Each item's first start, as its first invocation was told it. */
    private final Map<String, String> firstStarts = new ConcurrentHashMap<>();
    private final AtomicReference<JsonNode> aggregatePayload = new AtomicReference<>();
    private final AtomicReference<JsonNode> reconcilePayload = new AtomicReference<>();
    private volatile String aggregateError;
    @TempDir
    Path objects;

    private static String definition() throws IOException {
        try (InputStream in = GenerateDefinitionTest.class.getResourceAsStream("/statemachine/generate.asl.json")) {
            assertNotNull(in, "the build did not package statemachine/generate.asl.json");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // Item "a" first meets a transient Lambda error, item "c" fails for good, the rest succeed.
    private JsonNode providerCall(JsonNode payload) throws LambdaFailure {
        String itemId = payload.get("itemId").textValue();
        String firstStartedAt = payload.path("firstStartedAt").asText();
        java.time.Instant.parse(firstStartedAt);
        assertEquals(json("{\"jobId\":\"job-1\",\"itemId\":\"" + itemId + "\",\"firstStartedAt\":\""
                + firstStartedAt + "\"}"), payload);
        // A retry runs the same visit of the state: the item's first start travels unchanged.
        assertEquals(firstStartedAt, firstStarts.computeIfAbsent(itemId, id -> firstStartedAt), itemId);
        if (itemId.equals("a") && transientFailureSent.add(itemId)) {
            throw new LambdaFailure("Lambda.ServiceException", "try again");
        }
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
        if (itemId.equals("c")) {
            throw new LambdaFailure("dev.omniarchitect.provider.ProviderException", "quota exhausted");
        }
        return json("{\"itemId\":\"" + itemId + "\",\"status\":\"SUCCEEDED\"}");
    }

    private JsonNode invoke(String functionName, JsonNode payload) throws LambdaFailure {
        switch (functionName) {
            case "provider-call":
                return providerCall(payload);
            case "aggregate":
                aggregatePayload.set(payload);
                if (aggregateError != null) {
                    throw new LambdaFailure(aggregateError, "the aggregation broke");
                }
                return json("{\"jobId\":\"job-1\",\"status\":\"PARTIAL\"}");
            case "reconcile":
                reconcilePayload.set(payload);
                return json("{\"jobId\":\"job-1\",\"reconciled\":true,\"status\":\"FAILED\"}");
            default:
                throw new LambdaFailure("ResourceNotFoundException", "Function not found: " + functionName);
        }
    }

    /** An executor whose S3 is the test's directory, holding the job's items file for those ids. */
    private LocalExecutor executor(LambdaInvoker invoker, String... itemIds) throws IOException {
        DirectoryObjectStore store = new DirectoryObjectStore(objects);
        try (OutputStream out = store.write("job-files", "jobs/job-1/items.json")) {
            out.write(dev.omniarchitect.job.ItemsFile.content(java.util.List.of(itemIds)));
        }
        return LocalExecutor.builder().lambdaInvoker(invoker).retryDelayScale(0.001).objectStore(store).build();
    }

    private static final JsonNode INPUT = json("{\"jobId\":\"job-1\",\"itemsKey\":\"jobs/job-1/items.json\"}");

    @Test
    void generatesEveryItemKeepsAFailedItemInTheBatchAndAggregates() throws IOException {
        StateMachineDefinition definition = StateMachineDefinition.parse(definition(), SUBSTITUTIONS).named("generate");
        LocalExecutor executor = executor(this::invoke, "a", "b", "c", "d");

        ExecutionResult result = executor.execute(definition, "job-1", INPUT);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + result.cause());
        assertEquals(json("{\"jobId\":\"job-1\",\"status\":\"PARTIAL\"}"), result.output());
        assertEquals(2, peak.get());
        JsonNode aggregate = aggregatePayload.get();
        assertEquals(Set.of("jobId", "executionStartTime", "results"), fieldNames(aggregate),
                "references only, never ids or outcomes");
        assertEquals("job-1", aggregate.get("jobId").textValue());
        String startTime = aggregate.get("executionStartTime").textValue();
        assertTrue(startTime.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), startTime);
        // The children's outputs are in the bucket, where the Map's ResultWriter listed them.
        assertEquals("job-files", aggregate.path("results").path("Bucket").textValue());
        String manifestKey = aggregate.path("results").path("Key").textValue();
        assertTrue(manifestKey.startsWith("map-runs/") && manifestKey.endsWith("/manifest.json"), manifestKey);
        JsonNode manifest = read(manifestKey);
        assertEquals(0, manifest.path("ResultFiles").path("FAILED").size(), "each child caught its item's failure");
        Map<String, JsonNode> outputs = new TreeMap<>();
        for (JsonNode entry : read(manifest.path("ResultFiles").path("SUCCEEDED").path(0).path("Key").textValue())) {
            JsonNode input = json(entry.path("Input").textValue());
            assertEquals("job-1", input.path("jobId").textValue());
            outputs.put(input.path("itemId").textValue(), json(entry.path("Output").textValue()));
        }
        assertEquals(Map.of(
                "a", json("{\"itemId\":\"a\",\"status\":\"SUCCEEDED\"}"),
                "b", json("{\"itemId\":\"b\",\"status\":\"SUCCEEDED\"}"),
                "c", json("{\"itemId\":\"c\",\"status\":\"FAILED\","
                        + "\"executionError\":\"dev.omniarchitect.provider.ProviderException\"}"),
                "d", json("{\"itemId\":\"d\",\"status\":\"SUCCEEDED\"}")), outputs);
    }

    private JsonNode read(String key) throws IOException {
        try (InputStream in = new DirectoryObjectStore(objects).read("job-files", key)) {
            return json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anAggregationThatFailsForGoodHasTheJobMarkedFailedAndTheExecutionFails() throws IOException {
        aggregateError = "java.lang.IllegalStateException";
        StateMachineDefinition definition = StateMachineDefinition.parse(definition(), SUBSTITUTIONS).named("generate");
        LocalExecutor executor = executor(this::invoke, "a", "b");

        ExecutionResult result = executor.execute(definition, "job-1", INPUT);

        // The Catch hands the job to the reconciliation with the error's name only (a Cause may quote data),
        // then the execution fails so that alarms count it.
        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("Omni.JobFailed", result.error());
        JsonNode reconcile = reconcilePayload.get();
        assertNotNull(reconcile, "the Catch did not reach the reconciliation");
        assertEquals("job-1", reconcile.get("jobId").textValue());
        assertEquals("FAILED", reconcile.get("status").textValue());
        assertEquals("java.lang.IllegalStateException", reconcile.get("error").textValue());
        assertTrue(reconcile.get("executionArn").textValue().endsWith(":generate:job-1"), reconcile.toString());
        assertEquals(4, reconcile.size(), "jobId, executionArn, status and error only: " + reconcile);
    }

    @Test
    void aTransientAggregationErrorIsRetriedBeforeTheCatch() throws IOException {
        aggregateError = "Lambda.ServiceException";
        StateMachineDefinition definition = StateMachineDefinition.parse(definition(), SUBSTITUTIONS).named("generate");
        LocalExecutor executor = executor((name, payload) -> {
            if (name.equals("aggregate") && aggregatePayload.get() != null) {
                aggregateError = null;
            }
            return invoke(name, payload);
        }, "b");

        ExecutionResult result = executor.execute(definition, "job-1", INPUT);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + result.cause());
        assertEquals(null, reconcilePayload.get());
    }
}
