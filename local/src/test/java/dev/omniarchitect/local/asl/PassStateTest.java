package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Pass state, as the definition's ItemFailed state uses it. */
class PassStateTest {

    private static ExecutionResult run(String definition, JsonNode input) {
        LambdaInvoker unused = (functionName, payload) -> {
            throw new AssertionError("no function is called");
        };
        return LocalExecutor.builder().lambdaInvoker(unused).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "pass", input);
    }

    @Test
    void passPlacesItsResultAtResultPathAndPassesParametersWhenThereIsNoResult() {
        String definition = """
                {"StartAt": "Fixed", "States": {
                  "Fixed": {"Type": "Pass", "Result": {"stage": "draft"}, "ResultPath": "$.meta", "Next": "Shaped"},
                  "Shaped": {"Type": "Pass", "InputPath": "$.meta", "Parameters": {"stage.$": "$.stage", "v": 2},
                             "ResultPath": "$.shaped", "OutputPath": "$.shaped", "End": true}}}
                """;

        ExecutionResult result = run(definition, json("{\"id\":1}"));

        assertEquals(json("{\"stage\":\"draft\",\"v\":2}"), result.output());
    }

    /** Step Functions: a Pass state without Result or Parameters passes its input on as its result. */
    @Test
    void passWithoutResultOrParametersHandsItsInputOn() {
        String definition = """
                {"StartAt": "Same", "States": {"Same": {"Type": "Pass", "End": true}}}
                """;

        assertEquals(json("{\"a\":{\"b\":2}}"), run(definition, json("{\"a\":{\"b\":2}}")).output());
    }
}
