package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoicePassFailTest {
    private static final String ROUTER = """
            {"StartAt": "Route", "States": {
              "Route": {
                "Type": "Choice",
                "Choices": [
                  {"Variable": "$.kind", "StringEquals": "diagram", "Next": "Diagram"},
                  {"And": [{"Variable": "$.count", "NumericGreaterThanEquals": 10},
                           {"Variable": "$.count", "NumericLessThan": 100}], "Next": "Medium"},
                  {"Variable": "$.count", "NumericEqualsPath": "$.expected", "Next": "Expected"},
                  {"Not": {"Variable": "$.draft", "IsPresent": true}, "Next": "Final"},
                  {"Or": [{"Variable": "$.draft", "BooleanEquals": true},
                          {"Variable": "$.draft", "IsNull": true}], "Next": "Draft"},
                  {"Variable": "$.name", "StringMatches": "report-*.md", "Next": "Report"},
                  {"Variable": "$.due", "TimestampLessThan": "2026-01-01T00:00:00Z", "Next": "Overdue"}
                ],
                "Default": "Other"},
              "Diagram": {"Type": "Pass", "Result": "Diagram", "End": true},
              "Medium": {"Type": "Pass", "Result": "Medium", "End": true},
              "Expected": {"Type": "Pass", "Result": "Expected", "End": true},
              "Final": {"Type": "Pass", "Result": "Final", "End": true},
              "Draft": {"Type": "Pass", "Result": "Draft", "End": true},
              "Report": {"Type": "Pass", "Result": "Report", "End": true},
              "Overdue": {"Type": "Pass", "Result": "Overdue", "End": true},
              "Other": {"Type": "Pass", "Result": "Other", "End": true}}}
            """;

    private static ExecutionResult run(String definition, JsonNode input) {
        LambdaInvoker unused = (functionName, payload) -> {
            throw new AssertionError("no function is called");
        };
        return LocalExecutor.builder().lambdaInvoker(unused).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "choice", input);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"kind\":\"diagram\",\"count\":50} | Diagram",
        "{\"kind\":\"text\",\"count\":50} | Medium",
        "{\"kind\":\"text\",\"count\":100,\"expected\":100} | Expected",
        "{\"kind\":\"text\",\"count\":100,\"expected\":1.0e2} | Expected",
        "{\"kind\":\"text\",\"count\":5,\"expected\":6} | Final",
        "{\"kind\":\"text\",\"count\":5,\"expected\":6,\"draft\":true} | Draft",
        "{\"kind\":\"text\",\"count\":5,\"expected\":6,\"draft\":null} | Draft",
        "{\"kind\":\"text\",\"count\":\"5\",\"expected\":6,\"draft\":false,\"name\":\"report-7.md\"} | Report",
        "{\"kind\":\"text\",\"count\":5,\"expected\":6,\"draft\":false,\"name\":\"r.txt\","
                + "\"due\":\"2025-12-31T23:59:59Z\"} | Overdue",
        "{\"kind\":\"text\",\"count\":5,\"expected\":6,\"draft\":false,\"name\":\"x\","
                + "\"due\":\"2026-06-01T00:00:00+02:00\"} | Other",
    })
    void choiceTakesTheFirstMatchingRuleElseDefault(String input, String expectedState) {
        ExecutionResult result = run(ROUTER, json(input));

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + result.cause());
        assertEquals(expectedState, result.output().textValue());
    }

    @Test
    void choiceWithoutAMatchOrDefaultFailsWithNoChoiceMatched() {
        String definition = """
                {"StartAt": "Route", "States": {
                  "Route": {"Type": "Choice",
                            "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "One"}]},
                  "One": {"Type": "Succeed"}}}
                """;

        ExecutionResult result = run(definition, json("{\"n\":2}"));

        assertEquals("States.NoChoiceMatched", result.error());
    }

    @Test
    void choiceOnAMissingVariableFailsWithStatesRuntime() {
        ExecutionResult result = run(ROUTER, json("{\"kind\":\"text\"}"));

        assertEquals("States.Runtime", result.error());
        assertTrue(result.cause().contains("$.count"), result.cause());
    }

    @Test
    void choiceAppliesInputPathToTheRulesAndOutputPathToWhatItHandsOn() {
        String definition = """
                {"StartAt": "Route", "States": {
                  "Route": {"Type": "Choice", "InputPath": "$.job", "OutputPath": "$.payload",
                            "Choices": [{"Variable": "$.ready", "BooleanEquals": true, "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}
                """;

        ExecutionResult result = run(definition, json("{\"job\":{\"ready\":true,\"payload\":{\"p\":1}}}"));

        assertEquals(json("{\"p\":1}"), result.output());
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

    @Test
    void succeedEndsWithItsFilteredInput() {
        String definition = """
                {"StartAt": "Done", "States": {"Done": {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}}}
                """;

        assertEquals(json("2"), run(definition, json("{\"a\":{\"b\":2}}")).output());
    }

    @Test
    void failStateReportsItsErrorAndCause() {
        String definition = """
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "Blueprint.Invalid",
                                                      "Cause": "the blueprint has no files"}}}
                """;

        ExecutionResult result = run(definition, json("{}"));

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertNull(result.output());
        assertEquals("Blueprint.Invalid", result.error());
        assertEquals("the blueprint has no files", result.cause());
    }

    @Test
    void failStateReadsErrorPathAndCausePathFromItsInput() {
        String definition = """
                {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "ErrorPath": "$.code",
                  "CausePath": "States.Format('job {} failed: {}', $.job, $.reason)"}}}
                """;

        ExecutionResult result = run(definition, json("{\"code\":\"Job.Failed\",\"job\":7,\"reason\":\"quota\"}"));

        assertEquals("Job.Failed", result.error());
        assertEquals("job 7 failed: quota", result.cause());
    }
}
