package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadLimitTest {
    private static final String RETURN_TEXT = """
            {"StartAt": "Produce", "States": {
              "Produce": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:produce",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}],
                "End": true},
              "Recover": {"Type": "Pass", "Result": "recovered", "End": true}}}
            """;

    /** Records the UTF-8 size of everything the listener is shown. */
    private final List<String> sizes = Collections.synchronizedList(new ArrayList<>());

    private final ExecutionListener sizeRecorder = new ExecutionListener() {
        @Override
        public void stateEntered(String stateName, JsonNode input) {
            sizes.add("in " + stateName + " " + input.toString().getBytes(StandardCharsets.UTF_8).length);
        }

        @Override
        public void stateExited(String stateName, JsonNode output) {
            sizes.add("out " + stateName + " " + output.toString().getBytes(StandardCharsets.UTF_8).length);
        }
    };

    private ExecutionResult returning(int textLength, JsonNode input) {
        return returning(textLength, input, RETURN_TEXT);
    }

    private ExecutionResult returning(int textLength, JsonNode input, String definition) {
        JsonNode text = TextNode.valueOf("x".repeat(textLength));
        return LocalExecutor.builder().lambdaInvoker((functionName, payload) -> text).listener(sizeRecorder).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "payload", input);
    }

    @Test
    void aThreeHundredKilobyteResultFailsEvenWithAStatesAllCatch() {
        ExecutionResult result = returning(300 * 1024, json("{}"));

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("States.DataLimitExceeded", result.error());
        assertTrue(result.cause().contains("'Produce'"), result.cause());
        assertEquals(List.of("in Produce 2"), sizes);
    }

    @Test
    void aCatchThatNamesDataLimitExceededHandlesAnOversizedResult() {
        ExecutionResult result = returning(300 * 1024, json("{}"),
                RETURN_TEXT.replace("[\"States.ALL\"]", "[\"States.DataLimitExceeded\"]"));

        assertEquals(json("\"recovered\""), result.output());
    }

    @Test
    void exactlyTheQuotaPassesAndOneByteMoreFails() {
        // A JSON string's size is its text plus two quotes.
        ExecutionResult atQuota = returning(PayloadLimit.MAX_BYTES - 2, json("{}"));
        ExecutionResult overQuota = returning(PayloadLimit.MAX_BYTES - 1, json("{}"));

        assertEquals(ExecutionResult.Status.SUCCEEDED, atQuota.status());
        assertEquals(PayloadLimit.MAX_BYTES - 2, atQuota.output().textValue().length());
        assertEquals("States.DataLimitExceeded", overQuota.error());
    }

    @Test
    void anOversizedInputFailsTheFirstStateAfterTheListenerSawIt() {
        ExecutionResult result = returning(1, TextNode.valueOf("é".repeat(PayloadLimit.MAX_BYTES / 2)));

        assertEquals("States.DataLimitExceeded", result.error());
        assertEquals(List.of("in Produce " + (PayloadLimit.MAX_BYTES + 2)), sizes);
    }

    @Test
    void anOversizedOutputFailsAfterTheListenerSawIt() {
        String definition = """
                {"StartAt": "Grow", "States": {"Grow": {
                  "Type": "Pass", "Parameters": {"a.$": "$", "b.$": "$"}, "End": true}}}
                """;
        JsonNode input = TextNode.valueOf("x".repeat(200_000));

        ExecutionResult result = LocalExecutor.builder().lambdaInvoker((functionName, payload) -> payload)
                .listener(sizeRecorder).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "grow", input);

        assertEquals("States.DataLimitExceeded", result.error());
        assertEquals(List.of("in Grow 200002", "out Grow 400015"), sizes);
    }
}
