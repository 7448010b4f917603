package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Runs the project's real statemachine/generate.asl.json, which the build packages on the classpath. */
class GenerateDefinitionTest {
    private static final Map<String, String> SUBSTITUTIONS = Map.of(
            "MaxConcurrency", "2",
            "ProviderCallFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:provider-call",
            "AggregateFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:aggregate:live");

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Set<String> transientFailureSent = ConcurrentHashMap.newKeySet();
    private final AtomicReference<JsonNode> aggregatePayload = new AtomicReference<>();

    private static String definition() throws IOException {
        try (InputStream in = GenerateDefinitionTest.class.getResourceAsStream("/statemachine/generate.asl.json")) {
            assertNotNull(in, "the build did not package statemachine/generate.asl.json");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // Item "a" first meets a transient Lambda error, item "c" fails for good, the rest succeed.
    private JsonNode providerCall(JsonNode payload) throws LambdaFailure {
        String itemId = payload.get("itemId").textValue();
        assertEquals(json("{\"jobId\":\"job-1\",\"itemId\":\"" + itemId + "\"}"), payload);
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
                return json("{\"jobId\":\"job-1\",\"status\":\"PARTIAL\"}");
            default:
                throw new LambdaFailure("ResourceNotFoundException", "Function not found: " + functionName);
        }
    }

    @Test
    void generatesEveryItemKeepsAFailedItemInTheBatchAndAggregates() throws IOException {
        StateMachineDefinition definition = StateMachineDefinition.parse(definition(), SUBSTITUTIONS).named("generate");
        LocalExecutor executor = LocalExecutor.builder().lambdaInvoker(this::invoke).retryDelayScale(0.001).build();

        ExecutionResult result = executor.execute(definition, "job-1",
                json("{\"jobId\":\"job-1\",\"items\":[\"a\",\"b\",\"c\",\"d\"],\"itemIds\":[\"a\",\"b\",\"c\",\"d\"]}"));

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + result.cause());
        assertEquals(json("{\"jobId\":\"job-1\",\"status\":\"PARTIAL\"}"), result.output());
        assertEquals(2, peak.get());
        JsonNode aggregate = aggregatePayload.get();
        assertEquals("job-1", aggregate.get("jobId").textValue());
        assertEquals(json("[\"a\",\"b\",\"c\",\"d\"]"), aggregate.get("itemIds"), "the items, ids only");
        String startTime = aggregate.get("executionStartTime").textValue();
        assertTrue(startTime.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), startTime);
        assertEquals(json("""
                [{"itemId":"a","status":"SUCCEEDED"},
                 {"itemId":"b","status":"SUCCEEDED"},
                 {"itemId":"c","status":"FAILED","executionError":"dev.omniarchitect.provider.ProviderException"},
                 {"itemId":"d","status":"SUCCEEDED"}]
                """), aggregate.get("outcomes"));
    }
}
