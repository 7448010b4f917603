package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Fail state ends the execution FAILED with its fixed Error and Cause, as Step Functions documents it. */
class FailStateTest {

    private static ExecutionResult run(String definition) {
        return LocalExecutor.builder().lambdaInvoker((name, payload) -> json("{}")).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "fail", json("{\"job\": 7}"));
    }

    @Test
    void theExecutionFailsWithTheStatesErrorAndCause() {
        ExecutionResult result = run("""
                {"StartAt": "Note", "States": {
                  "Note": {"Type": "Pass", "Result": {"noted": true}, "ResultPath": "$.note", "Next": "Stop"},
                  "Stop": {"Type": "Fail", "Comment": "why", "Error": "Omni.JobFailed", "Cause": "marked FAILED"}}}
                """);

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("Omni.JobFailed", result.error());
        assertEquals("marked FAILED", result.cause());
        assertNull(result.output(), "a failed execution has no output");
    }

    @Test
    void errorAndCauseMayBothBeLeftOut() {
        ExecutionResult result = run("{\"StartAt\": \"Stop\", \"States\": {\"Stop\": {\"Type\": \"Fail\"}}}");

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertNull(result.error());
        assertNull(result.cause());
    }
}
