package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeoutTest {
    private final CountDownLatch interrupted = new CountDownLatch(1);

    private final LambdaInvoker slowFunction = (functionName, payload) -> {
        try {
            Thread.sleep(10_000);
            return payload;
        } catch (InterruptedException e) {
            interrupted.countDown();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    };

    @Test
    void taskTimeoutIsStatesTimeoutWhichStatesTaskFailedDoesNotCatch() throws InterruptedException {
        String definition = """
                {"StartAt": "Slow", "States": {
                  "Slow": {
                    "Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow",
                    "TimeoutSeconds": 1,
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Failed"},
                              {"ErrorEquals": ["States.Timeout"], "Next": "TimedOut"}],
                    "End": true},
                  "Failed": {"Type": "Pass", "Result": "failed", "End": true},
                  "TimedOut": {"Type": "Pass", "Result": "timed out", "End": true}}}
                """;

        long started = System.nanoTime();
        ExecutionResult result = LocalExecutor.builder().lambdaInvoker(slowFunction).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "task-timeout", json("{}"));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(json("\"timed out\""), result.output());
        assertTrue(elapsed.toMillis() >= 1_000 && elapsed.toMillis() < 5_000, elapsed::toString);
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the timed-out call was not interrupted");
    }

    @Test
    void executionTimeoutEndsTheExecutionTimedOutPastEveryCatch() throws InterruptedException {
        String definition = """
                {"StartAt": "Slow", "TimeoutSeconds": 1, "States": {
                  "Slow": {
                    "Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}],
                    "End": true},
                  "Recover": {"Type": "Pass", "End": true}}}
                """;

        long started = System.nanoTime();
        ExecutionResult result = LocalExecutor.builder().lambdaInvoker(slowFunction).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "execution-timeout", json("{}"));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        // Step Functions ends the execution TIMED_OUT: the Catch of the running state does not see it.
        assertEquals(ExecutionResult.Status.TIMED_OUT, result.status());
        assertEquals("States.Timeout", result.error());
        assertTrue(elapsed.toMillis() >= 1_000 && elapsed.toMillis() < 5_000, elapsed::toString);
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the running call was not interrupted");
    }
}
