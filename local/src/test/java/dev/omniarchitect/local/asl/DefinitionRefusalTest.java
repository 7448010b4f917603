package dev.omniarchitect.local.asl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefinitionRefusalTest {
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:work";

    /** A machine whose first state is A, beside a final Pass state named Done. */
    private static String machine(String stateA) {
        return """
                {"StartAt": "A", "States": {"A": %s, "Done": {"Type": "Pass", "End": true}}}
                """.formatted(stateA);
    }

    private static String task(String extraFields) {
        return machine("{\"Type\": \"Task\", \"Resource\": \"" + FUNCTION + "\", " + extraFields
                + " \"Next\": \"Done\"}");
    }

    private static String map(String extraFields) {
        return machine("""
                {"Type": "Map", %s
                 "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true}}},
                 "Next": "Done"}
                """.formatted(extraFields));
    }

    static Stream<Arguments> refusedDefinitions() {
        return Stream.of(
                Arguments.of(machine("{\"Type\": \"Parallel\", \"Branches\": [], \"Next\": \"Done\"}"),
                        "state \"A\": field \"Type\" value \"Parallel\" is not supported by the local executor"),
                Arguments.of(machine("{\"Type\": \"Wait\", \"Seconds\": 1, \"Next\": \"Done\"}"),
                        "state \"A\": field \"Type\" value \"Wait\" is not supported by the local executor"),
                Arguments.of(task("\"HeartbeatSeconds\": 10,"),
                        "state \"A\": field \"HeartbeatSeconds\" is not supported by the local executor"),
                Arguments.of(task("\"Credentials\": {\"RoleArn\": \"x\"},"),
                        "state \"A\": field \"Credentials\" is not supported by the local executor"),
                Arguments.of(task("\"Foo\": 1,"),
                        "state \"A\": field \"Foo\" is not supported by the local executor"),
                Arguments.of(map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\"},"),
                        "state \"A\": field \"ItemReader\" belongs to a Distributed Map (ItemProcessor.ProcessorConfig"
                                + ".Mode \"DISTRIBUTED\"), not an inline one"),
                Arguments.of(map("\"ToleratedFailurePercentage\": 5,"),
                        "state \"A\": field \"ToleratedFailurePercentage\" belongs to a Distributed Map "
                                + "(ItemProcessor.ProcessorConfig.Mode \"DISTRIBUTED\"), not an inline one"),
                Arguments.of(machine("""
                        {"Type": "Map", "Next": "Done", "ItemProcessor": {
                          "ProcessorConfig": {"Mode": "DISTRIBUTED"},
                          "StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true}}},
                         "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV"},
                                        "Parameters": {"Bucket": "b", "Key": "k"}}}
                        """),
                        "state \"A\": field \"ItemReader.ReaderConfig.InputType\" value \"CSV\" is not"
                                + " supported by the local executor"),
                Arguments.of(machine("""
                        {"Type": "Map", "Next": "Done", "ItemProcessor": {
                          "StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true, "Assign": {}}}}}
                        """),
                        "state \"Inner\": field \"Assign\" is not supported by the local executor"),
                Arguments.of(machine("{\"Type\": \"Pass\", \"Next\": \"Nowhere\"}"),
                        "state \"A\": field \"Next\" names state \"Nowhere\", which does not exist"),
                Arguments.of(task("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Gone\"}],"),
                        "state \"A\": field \"Catch[0].Next\" names state \"Gone\", which does not exist"),
                Arguments.of(machine("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::dynamodb:putItem\","
                                + " \"Next\": \"Done\"}"),
                        "state \"A\": field \"Resource\" value \"arn:aws:states:::dynamodb:putItem\" is not supported"
                                + " by the local executor"),
                Arguments.of(machine("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke"
                                + ".waitForTaskToken\", \"Next\": \"Done\"}"),
                        "state \"A\": field \"Resource\" value \"arn:aws:states:::lambda:invoke.waitForTaskToken\""
                                + " is not supported by the local executor"),
                Arguments.of(machine("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                                + " \"Parameters\": {\"FunctionName\": \"f\", \"Payload.$\": \"$\","
                                + " \"Qualifier\": \"live\"}, \"Next\": \"Done\"}"),
                        "state \"A\": field \"Parameters.Qualifier\" is not supported by the local executor"),
                Arguments.of(machine("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\","
                                + " \"Parameters\": {\"FunctionName\": \"f\"}, \"Next\": \"Done\"}"),
                        "state \"A\": field \"Parameters.Payload\" is required by lambda:invoke"),
                Arguments.of(task("\"Parameters\": {\"id.$\": \"States.UUID()\"},"),
                        "state \"A\": field \"Parameters.id.$\" uses an intrinsic function, which the local executor"
                                + " does not support"),
                Arguments.of(task("\"Parameters\": {\"text.$\": \"States.Format('{} and {}', $.a)\"},"),
                        "state \"A\": field \"Parameters.text.$\" uses an intrinsic function, which the local"
                                + " executor does not support"),
                Arguments.of(task("\"Parameters\": {\"value.$\": \"plain text\"},"),
                        "state \"A\": field \"Parameters.value.$\" must hold a path, not \"plain text\""),
                Arguments.of(task("\"ResultPath\": \"$.items[*]\","),
                        "state \"A\": field \"ResultPath\" must be a reference path such as $, $.a.b, $['a'] or"
                                + " $.a[0], not \"$.items[*]\""),
                Arguments.of(task("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Done\"},"
                                + " {\"ErrorEquals\": [\"X\"], \"Next\": \"Done\"}],"),
                        "state \"A\": field \"Catch[0].ErrorEquals\" may list States.ALL only in the last entry"),
                Arguments.of(task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\", \"X\"]}],"),
                        "state \"A\": field \"Retry[0].ErrorEquals\" must list States.ALL alone"),
                Arguments.of(task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"Foo\": 1}],"),
                        "state \"A\": field \"Retry[0].Foo\" is not supported by the local executor"),
                Arguments.of(task("\"Retry\": [{\"ErrorEquals\": [\"X\"], \"BackoffRate\": 0.5}],"),
                        "state \"A\": field \"Retry[0].BackoffRate\" must be a number of at least 1.0"),
                Arguments.of(task("\"End\": true,"),
                        "state \"A\": field \"End\" cannot be combined with field \"Next\""),
                Arguments.of(machine("{\"Type\": \"Pass\"}"),
                        "state \"A\": field \"Next\" is required unless the state has \"End\": true"),
                Arguments.of(machine("""
                        {"Type": "Choice", "Choices": [{"Variable": "$.a", "StringEquals": "x", "Next": "Done"}]}
                        """),
                        "state \"A\": field \"Type\" value \"Choice\" is not supported by the local executor"),
                Arguments.of(machine("{\"Type\": \"Succeed\"}"),
                        "state \"A\": field \"Type\" value \"Succeed\" is not supported by the local executor"),
                Arguments.of(machine("{\"Type\": \"Fail\", \"ErrorPath\": \"$.code\"}"),
                        "state \"A\": field \"ErrorPath\" is not supported by the local executor"),
                Arguments.of(machine("{\"Type\": \"Fail\", \"Error\": \"X\", \"Next\": \"Done\"}"),
                        "state \"A\": field \"Next\" is not supported by the local executor"),
                Arguments.of(machine("""
                        {"Type": "Map", "Next": "Done", "ItemProcessor": {
                          "StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": true}}}}
                        """),
                        "state \"Done\": the name is used by more than one state"),
                Arguments.of("{\"StartAt\": \"A\", \"QueryLanguage\": \"JSONata\", \"States\": {\"A\": {\"Type\":"
                                + " \"Pass\", \"End\": true}}}",
                        "state machine: field \"QueryLanguage\" value \"JSONata\" is not supported by the local"
                                + " executor"),
                Arguments.of("{\"StartAt\": \"A\", \"Version\": \"1.0\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}",
                        "state machine: field \"Version\" is not supported by the local executor"),
                Arguments.of("{\"StartAt\": \"B\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}",
                        "state machine: field \"StartAt\" names state \"B\", which does not exist"));
    }

    @ParameterizedTest
    @MethodSource("refusedDefinitions")
    void refusesWhatItDoesNotImplementNamingStateAndField(String definition, String message) {
        DefinitionException refusal = assertThrows(DefinitionException.class,
                () -> StateMachineDefinition.parse(definition, Map.of()));

        assertEquals(message, refusal.getMessage());
    }

    @Test
    void refusesAQuotedPlaceholderWithoutSubstitutionNamingStateFieldAndPlaceholder() {
        String definition = machine("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "${WorkFunction}", "Payload.$": "$"},
                 "Retry": [{"ErrorEquals": ["${RetryError}"]}], "Next": "Done"}
                """);

        DefinitionException refusal = assertThrows(DefinitionException.class,
                () -> StateMachineDefinition.parse(definition, Map.of("WorkFunction", "work")));

        assertEquals("state \"A\": field \"Retry[0].ErrorEquals[0]\": placeholder ${RetryError} has no substitution",
                refusal.getMessage());
    }

    @Test
    void refusesABarePlaceholderWithoutSubstitutionInsideAMapProcessor() {
        String definition = machine("""
                {"Type": "Map", "Next": "Done", "ItemProcessor": {"StartAt": "Inner", "States": {
                  "Inner": {"Type": "Pass", "Result": {"limit": ${Limit}}, "End": true}}}}
                """);

        DefinitionException refusal = assertThrows(DefinitionException.class,
                () -> StateMachineDefinition.parse(definition, Map.of()));

        assertEquals("state \"Inner\": field \"Result.limit\": placeholder ${Limit} has no substitution",
                refusal.getMessage());
    }

    @Test
    void refusesDuplicateKeysInsteadOfDroppingOne() {
        String definition = machine("{\"Type\": \"Pass\", \"Next\": \"Done\", \"Next\": \"A\"}");

        DefinitionException refusal = assertThrows(DefinitionException.class,
                () -> StateMachineDefinition.parse(definition, Map.of()));

        assertEquals("state machine: the definition is not valid JSON: Duplicate field 'Next'", refusal.getMessage());
    }
}
