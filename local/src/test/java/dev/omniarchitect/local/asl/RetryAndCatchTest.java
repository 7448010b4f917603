package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAndCatchTest {
    private static final String SERVICE_EXCEPTION = "Lambda.ServiceException";

    /** Fails with the queued errors in turn, then succeeds, recording the RetryCount each call saw. */
    private static final class ScriptedInvoker implements LambdaInvoker {
        final List<Integer> retryCounts = new ArrayList<>();
        private final Iterator<String> errors;

        ScriptedInvoker(String... errors) {
            this.errors = List.of(errors).iterator();
        }

        @Override
        public synchronized JsonNode invoke(String functionName, JsonNode payload) throws LambdaFailure {
            retryCounts.add(payload.get("retryCount").intValue());
            if (errors.hasNext()) {
                String error = errors.next();
                throw new LambdaFailure(error, error + " happened");
            }
            return json("{\"ok\":true}");
        }
    }

    private static String task(String errorHandling) {
        return """
                {"StartAt": "Call", "States": {
                  "Call": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "flaky", "Payload": {"retryCount.$": "$$.State.RetryCount"}},
                    "ResultSelector": {"ok.$": "$.Payload.ok"},
                    %s
                    "End": true},
                  "Recover": {"Type": "Pass", "End": true}}}
                """.formatted(errorHandling);
    }

    private static ExecutionResult run(String definition, LambdaInvoker invoker) {
        return LocalExecutor.builder().lambdaInvoker(invoker).retryDelayScale(0.01).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "retry", json("{\"request\":1}"));
    }

    @Test
    void transientServiceExceptionsAreRetriedAfterScaledBackoff() {
        ScriptedInvoker invoker = new ScriptedInvoker(SERVICE_EXCEPTION, SERVICE_EXCEPTION);
        String definition = task("""
                "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2, "BackoffRate": 3,
                           "MaxAttempts": 3}],
                """);

        long started = System.nanoTime();
        ExecutionResult result = run(definition, invoker);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + result.cause());
        assertEquals(json("{\"ok\":true}"), result.output());
        assertEquals(List.of(0, 1, 2), invoker.retryCounts);
        // 2 s and 6 s of backoff, scaled by 0.01: at least 80 ms, far below the unscaled 8 s.
        assertTrue(elapsed.toMillis() >= 80, elapsed::toString);
        assertTrue(elapsed.toMillis() < 2_000, elapsed::toString);
    }

    @Test
    void maxDelaySecondsCapsTheBackoff() {
        ScriptedInvoker invoker = new ScriptedInvoker(SERVICE_EXCEPTION, SERVICE_EXCEPTION, SERVICE_EXCEPTION);
        String definition = task("""
                "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "BackoffRate": 10,
                           "MaxDelaySeconds": 20, "MaxAttempts": 3}],
                """);

        long started = System.nanoTime();
        ExecutionResult result = run(definition, invoker);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status());
        // 10 s, then 20 s twice instead of 100 s and 1000 s, scaled by 0.01.
        assertTrue(elapsed.toMillis() >= 500 && elapsed.toMillis() < 3_000, elapsed::toString);
    }

    @Test
    void exhaustedRetriesFallToTheCatchWhichPutsErrorAndCauseAtItsResultPath() {
        ScriptedInvoker invoker = new ScriptedInvoker(SERVICE_EXCEPTION, SERVICE_EXCEPTION, SERVICE_EXCEPTION);
        String definition = task("""
                "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover", "ResultPath": "$.error"}],
                """);

        ExecutionResult result = run(definition, invoker);

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status());
        assertEquals(List.of(0, 1, 2), invoker.retryCounts);
        ObjectNode expected = (ObjectNode) json("{\"request\":1}");
        expected.putObject("error")
                .put("Error", SERVICE_EXCEPTION)
                .put("Cause", "{\"errorMessage\":\"Lambda.ServiceException happened\","
                        + "\"errorType\":\"Lambda.ServiceException\"}");
        assertEquals(expected, result.output());
    }

    @Test
    void catchWithoutResultPathReplacesTheInputWithTheErrorOutput() {
        String definition = task("""
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Recover"}],
                """);

        ExecutionResult result = run(definition, new ScriptedInvoker("Validation"));

        assertEquals("Validation", result.output().get("Error").textValue());
        assertEquals(2, result.output().size());
    }

    @Test
    void unmatchedErrorFailsTheExecutionWithTheFunctionsErrorAndCause() {
        ScriptedInvoker invoker = new ScriptedInvoker("ValidationError");
        String definition = task("""
                "Retry": [{"ErrorEquals": ["Lambda.ServiceException"]}],
                "Catch": [{"ErrorEquals": ["OtherError"], "Next": "Recover"}],
                """);

        ExecutionResult result = run(definition, invoker);

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertNull(result.output());
        assertEquals("ValidationError", result.error());
        assertEquals("{\"errorMessage\":\"ValidationError happened\",\"errorType\":\"ValidationError\"}",
                result.cause());
        assertEquals(List.of(0), invoker.retryCounts);
        assertTrue(!result.stopTime().isBefore(result.startTime()));
    }

    @Test
    void maxAttemptsZeroNeverRetries() {
        ScriptedInvoker invoker = new ScriptedInvoker(SERVICE_EXCEPTION);
        String definition = task("""
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}],
                """);

        ExecutionResult result = run(definition, invoker);

        assertEquals(SERVICE_EXCEPTION, result.error());
        assertEquals(List.of(0), invoker.retryCounts);
    }

    @Test
    void onlyTheFirstMatchingRetrierCountsAndEachCountsItsOwnRetries() {
        // A is retried twice by the first retrier, B once by the second; the third A exhausts the first.
        ScriptedInvoker invoker = new ScriptedInvoker("ErrorA", "ErrorB", "ErrorA", "ErrorA");
        String definition = task("""
                "Retry": [{"ErrorEquals": ["ErrorA"], "MaxAttempts": 2},
                          {"ErrorEquals": ["ErrorB", "ErrorA"], "MaxAttempts": 5}],
                """);

        ExecutionResult result = run(definition, invoker);

        assertEquals("ErrorA", result.error());
        assertEquals(List.of(0, 1, 2, 3), invoker.retryCounts);
    }

    @Test
    void anUnexpectedExceptionFromTheInvokerIsLambdaUnknown() {
        LambdaInvoker broken = (functionName, payload) -> {
            throw new IllegalStateException("handler wiring is broken");
        };

        ExecutionResult result = run(task(""), broken);

        assertEquals("Lambda.Unknown", result.error());
        assertTrue(result.cause().contains("handler wiring is broken"), result.cause());
    }

    @Test
    void statesRuntimeIsNeitherRetriedNorCaughtByStatesAll() {
        String definition = """
                {"StartAt": "Call", "States": {
                  "Call": {
                    "Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky",
                    "Parameters": {"missing.$": "$.nowhere"},
                    "Retry": [{"ErrorEquals": ["States.ALL"]}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}],
                    "End": true},
                  "Recover": {"Type": "Pass", "End": true}}}
                """;
        ScriptedInvoker invoker = new ScriptedInvoker();

        ExecutionResult result = run(definition, invoker);

        assertEquals("States.Runtime", result.error());
        assertEquals(List.of(), invoker.retryCounts);
    }

    /** Step Functions: an iteration's unhandled error fails the Map state, whose own Catch may handle it. */
    @Test
    void aFailedIterationIsCaughtByTheMapsCatch() {
        String definition = """
                {"StartAt": "Fan", "States": {
                  "Fan": {
                    "Type": "Map",
                    "ItemProcessor": {"StartAt": "Call", "States": {"Call": {
                      "Type": "Task",
                      "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"FunctionName": "flaky", "Payload": {"retryCount.$": "$$.State.RetryCount"}},
                      "End": true}}},
                    "Catch": [{"ErrorEquals": ["Rejected"], "Next": "Recover", "ResultPath": "$"}],
                    "End": true},
                  "Recover": {"Type": "Pass", "End": true}}}
                """;

        ExecutionResult result = LocalExecutor.builder().lambdaInvoker(new ScriptedInvoker("Rejected")).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "fail-in-map", json("[1]"));

        // As Step Functions reports a Lambda function's error: the cause is the function's error object as text.
        assertEquals("Rejected", result.output().path("Error").asText());
        assertEquals(json("{\"errorMessage\":\"Rejected happened\",\"errorType\":\"Rejected\"}"),
                json(result.output().path("Cause").asText()));
    }
}
