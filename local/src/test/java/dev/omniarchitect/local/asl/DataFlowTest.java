package dev.omniarchitect.local.asl;

import static dev.omniarchitect.local.asl.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataFlowTest {
    /** What one call of the invoker received. */
    private record Call(String functionName, JsonNode payload) {
    }

    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    private ExecutionResult run(String definition, Map<String, String> substitutions, JsonNode input,
                                JsonNode functionOutput) {
        LambdaInvoker invoker = (functionName, payload) -> {
            calls.add(new Call(functionName, payload));
            return functionOutput;
        };
        return LocalExecutor.builder().lambdaInvoker(invoker).build()
                .execute(StateMachineDefinition.parse(definition, substitutions), "data-flow", input);
    }

    private static String singleTask(String resource, String fields) {
        return """
                {"StartAt": "Render", "States": {"Render": {
                  "Type": "Task", "Resource": "%s", %s "End": true}}}
                """.formatted(resource, fields);
    }

    @Test
    void lambdaInvokeSendsTheParametersPayloadAndWrapsTheFunctionOutput() {
        String definition = singleTask("arn:aws:states:::lambda:invoke", """
                "Parameters": {
                  "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:${RenderFunction}:live",
                  "Payload": {
                    "name.$": "$.user.name",
                    "fixed": "text",
                    "nested": {"list": [{"id.$": "$.user.id"}, 7]},
                    "execution.$": "$$.Execution.Name"
                  }
                },
                "ResultPath": "$.raw",
                """);

        ExecutionResult result = run(definition, Map.of("RenderFunction", "render"),
                json("{\"user\":{\"name\":\"Ada\",\"id\":42}}"), json("{\"greeting\":\"hi Ada\"}"));

        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + result.cause());
        assertEquals(List.of(new Call("render", json("""
                {"name":"Ada","fixed":"text","nested":{"list":[{"id":42},7]},"execution":"data-flow"}
                """))), calls);
        assertEquals(json("""
                {"user":{"name":"Ada","id":42},
                 "raw":{"ExecutedVersion":"$LATEST","Payload":{"greeting":"hi Ada"},"StatusCode":200}}
                """), result.output());
    }

    @Test
    void resultSelectorThenResultPathCreatingObjectsThenOutputPath() {
        String definition = singleTask("arn:aws:states:::lambda:invoke", """
                "Parameters": {"FunctionName": "render", "Payload.$": "$.user"},
                "ResultSelector": {"greeting.$": "$.Payload.greeting", "status.$": "$.StatusCode"},
                "ResultPath": "$.a.b.c",
                "OutputPath": "$.a",
                """);

        ExecutionResult result = run(definition, Map.of(), json("{\"user\":{\"name\":\"Ada\"},\"a\":{\"keep\":1}}"),
                json("{\"greeting\":\"hi\"}"));

        assertEquals(json("{\"name\":\"Ada\"}"), calls.get(0).payload());
        assertEquals(json("{\"keep\":1,\"b\":{\"c\":{\"greeting\":\"hi\",\"status\":200}}}"), result.output());
    }

    @Test
    void functionArnResourceSendsTheInputAfterInputPathAndReturnsTheOutputAsIs() {
        String definition = singleTask("arn:aws:lambda:eu-west-1:123456789012:function:render:3", """
                "InputPath": "$.user",
                "ResultPath": "$['rendered']",
                """);

        ExecutionResult result = run(definition, Map.of(), json("{\"user\":{\"name\":\"Ada\"}}"), json("[1,2]"));

        assertEquals(List.of(new Call("render", json("{\"name\":\"Ada\"}"))), calls);
        assertEquals(json("{\"user\":{\"name\":\"Ada\"},\"rendered\":[1,2]}"), result.output());
    }

    @Test
    void nullResultPathDiscardsTheResultAndKeepsTheInput() {
        String definition = singleTask("arn:aws:lambda:eu-west-1:123456789012:function:render",
                "\"ResultPath\": null,");

        ExecutionResult result = run(definition, Map.of(), json("{\"keep\":true}"), json("{\"dropped\":1}"));

        assertEquals(json("{\"keep\":true}"), result.output());
    }

    @Test
    void nullInputPathSendsAnEmptyObjectAndNullOutputPathHandsOnAnEmptyObject() {
        String definition = singleTask("arn:aws:lambda:eu-west-1:123456789012:function:render",
                "\"InputPath\": null, \"OutputPath\": null,");

        ExecutionResult result = run(definition, Map.of(), json("{\"secret\":1}"), json("{\"x\":1}"));

        assertEquals(json("{}"), calls.get(0).payload());
        assertEquals(json("{}"), result.output());
    }

    @Test
    void resultPathIntoAValueThatIsNotAnObjectFailsWithStatesRuntime() {
        String definition = singleTask("arn:aws:lambda:eu-west-1:123456789012:function:render",
                "\"ResultPath\": \"$.name.first\",");

        ExecutionResult result = run(definition, Map.of(), json("{\"name\":\"Ada\"}"), json("1"));

        assertEquals("States.Runtime", result.error());
        assertTrue(result.cause().contains("$.name.first") && result.cause().contains("'Render'"), result.cause());
    }

    @Test
    void pathMatchingNothingFailsWithStatesRuntimeNamingPathAndState() {
        String definition = singleTask("arn:aws:lambda:eu-west-1:123456789012:function:render",
                "\"Parameters\": {\"name.$\": \"$.user.missing\"},");

        ExecutionResult result = run(definition, Map.of(), json("{\"user\":{}}"), json("1"));

        assertEquals(ExecutionResult.Status.FAILED, result.status());
        assertEquals("States.Runtime", result.error());
        assertTrue(result.cause().contains("'$.user.missing'"), result.cause());
        assertTrue(result.cause().contains("'Render'"), result.cause());
        assertTrue(result.cause().contains("Parameters.name.$"), result.cause());
        assertEquals(List.of(), calls);
    }

    @Test
    void arrayIndexPastTheEndMatchesNothing() {
        String definition = singleTask("arn:aws:lambda:eu-west-1:123456789012:function:render",
                "\"Parameters\": {\"third.$\": \"$.list[2]\"},");

        ExecutionResult result = run(definition, Map.of(), json("{\"list\":[1,2]}"), json("1"));

        assertEquals("States.Runtime", result.error());
    }

    @Test
    void jsonNullIsAValueNotAMissingPath() {
        String definition = singleTask("arn:aws:lambda:eu-west-1:123456789012:function:render",
                "\"Parameters\": {\"value.$\": \"$.value\"},");

        run(definition, Map.of(), json("{\"value\":null}"), json("1"));

        assertEquals(json("{\"value\":null}"), calls.get(0).payload());
    }

    @Test
    void itemSelectorSeesTheMapInputAndTheItemThroughTheContextObject() {
        String definition = """
                {"StartAt": "Fan", "States": {"Fan": {
                  "Type": "Map",
                  "ItemsPath": "$.items",
                  "ItemSelector": {
                    "shared.$": "$.shared",
                    "value.$": "$$.Map.Item.Value",
                    "index.$": "$$.Map.Item.Index"
                  },
                  "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
                  "ResultPath": "$.results",
                  "End": true}}}
                """;

        ExecutionResult result = run(definition, Map.of(), json("{\"shared\":\"s\",\"items\":[\"a\",\"b\"]}"), null);

        assertEquals(json("""
                {"shared":"s","items":["a","b"],"results":[
                  {"shared":"s","value":"a","index":0},
                  {"shared":"s","value":"b","index":1}]}
                """), result.output());
    }

    @Test
    void legacyMapParametersWorkLikeItemSelector() {
        String definition = """
                {"StartAt": "Fan", "States": {"Fan": {
                  "Type": "Map",
                  "Parameters": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                  "Iterator": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
                  "End": true}}}
                """;

        ExecutionResult result = run(definition, Map.of(), json("[\"a\"]"), null);

        assertEquals(json("[{\"value\":\"a\",\"index\":0}]"), result.output());
    }

    @Test
    void resultPathCanReplaceAnArrayElement() {
        String definition = singleTask("arn:aws:lambda:eu-west-1:123456789012:function:render",
                "\"ResultPath\": \"$.list[1]\",");

        ExecutionResult result = run(definition, Map.of(), json("{\"list\":[1,2,3]}"), json("\"two\""));

        assertEquals(json("{\"list\":[1,\"two\",3]}"), result.output());
    }

    @Test
    void contextObjectDescribesTheExecutionTheStateAndTheStateMachine() {
        String definition = """
                {"StartAt": "Describe", "States": {"Describe": {
                  "Type": "Pass",
                  "Parameters": {
                    "id.$": "$$.Execution.Id",
                    "name.$": "$$.Execution.Name",
                    "start.$": "$$.Execution.StartTime",
                    "input.$": "$$.Execution.Input",
                    "state.$": "$$.State.Name",
                    "entered.$": "$$.State.EnteredTime",
                    "retries.$": "$$.State.RetryCount",
                    "machine.$": "$$.StateMachine.Id"
                  },
                  "End": true}}}
                """;
        LambdaInvoker unused = (functionName, payload) -> {
            throw new AssertionError("no function is called");
        };

        ExecutionResult result = LocalExecutor.builder().lambdaInvoker(unused).build().execute(
                StateMachineDefinition.parse(definition, Map.of()).named("generate"), "run-1", json("{\"n\":1}"));

        JsonNode output = result.output();
        assertEquals("arn:aws:states:local:000000000000:execution:generate:run-1", output.get("id").textValue());
        assertEquals("run-1", output.get("name").textValue());
        assertEquals(json("{\"n\":1}"), output.get("input"));
        assertEquals("Describe", output.get("state").textValue());
        assertEquals(0, output.get("retries").intValue());
        assertEquals("arn:aws:states:local:000000000000:stateMachine:generate", output.get("machine").textValue());
        String start = output.get("start").textValue();
        assertTrue(start.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), start);
        assertEquals(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)
                .format(result.startTime()), start);
        assertTrue(output.get("entered").textValue().compareTo(start) >= 0, output.toString());
    }

    @Test
    void substitutionsFillQuotedAndBarePlaceholders() {
        String definition = """
                {"StartAt": "Fill", "States": {"Fill": {
                  "Type": "Pass",
                  "Result": {"bucket": "${Bucket}-suffix", "limit": ${Limit}},
                  "End": true}}}
                """;

        ExecutionResult result = run(definition, Map.of("Bucket", "artifacts", "Limit", "25"), json("{}"), null);

        assertEquals(json("{\"bucket\":\"artifacts-suffix\",\"limit\":25}"), result.output());
    }

    @Test
    void listenerSeesEveryStatesInputAndOutputIncludingMapIterations() {
        String definition = """
                {"StartAt": "Fan", "States": {
                  "Fan": {
                    "Type": "Map",
                    "MaxConcurrency": 1,
                    "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {
                      "Type": "Pass", "Parameters": {"item.$": "$"}, "End": true}}},
                    "Next": "Done"},
                  "Done": {"Type": "Pass", "End": true}}}
                """;
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        ExecutionListener listener = new ExecutionListener() {
            @Override
            public void stateEntered(String stateName, JsonNode input) {
                events.add("enter " + stateName + " " + input);
            }

            @Override
            public void stateExited(String stateName, JsonNode output) {
                events.add("exit " + stateName + " " + output);
            }
        };

        LocalExecutor.builder().lambdaInvoker((functionName, payload) -> payload).listener(listener).build()
                .execute(StateMachineDefinition.parse(definition, Map.of()), "listened", json("[1,2]"));

        assertEquals(List.of(
                "enter Fan [1,2]",
                "enter Inner 1", "exit Inner {\"item\":1}",
                "enter Inner 2", "exit Inner {\"item\":2}",
                "exit Fan [{\"item\":1},{\"item\":2}]",
                "enter Done [{\"item\":1},{\"item\":2}]", "exit Done [{\"item\":1},{\"item\":2}]"), events);
    }

    @Test
    void theCallersInputIsNotChangedAndTheOutputIsNotShared() {
        String definition = """
                {"StartAt": "Add", "States": {"Add": {
                  "Type": "Pass", "Result": {"fixed": 1}, "ResultPath": "$.added", "End": true}}}
                """;
        JsonNode input = json("{\"a\":{\"b\":1}}");
        StateMachineDefinition parsed = StateMachineDefinition.parse(definition, Map.of());
        LocalExecutor executor = LocalExecutor.builder().lambdaInvoker((functionName, payload) -> payload).build();

        ExecutionResult first = executor.execute(parsed, "first", input);
        ((ObjectNode) first.output().get("added")).put("fixed", 2);
        ExecutionResult second = executor.execute(parsed, "second", input);

        assertEquals(json("{\"a\":{\"b\":1}}"), input);
        assertEquals(json("{\"a\":{\"b\":1},\"added\":{\"fixed\":1}}"), second.output());
    }
}
