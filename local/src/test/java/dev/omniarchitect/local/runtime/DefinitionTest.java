package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.local.asl.DefinitionException;
import dev.omniarchitect.local.asl.StateMachineDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged statemachine/generate.asl.json loads, and a definition the executor cannot run honestly is refused. */
class DefinitionTest {

    private static final Map<String, String> SUBSTITUTIONS = LocalPipeline.definitionSubstitutions(3, 60);

    @Test
    void theRealDefinitionLoads() {
        StateMachineDefinition.parse(LocalPipeline.readDefinition(), SUBSTITUTIONS);
    }

    @Test
    void anUnsupportedStateTypeIsRefusedAtLoadTimeNamingTheState() {
        String definition = LocalPipeline.readDefinition()
                .replace("\"Type\": \"Pass\"", "\"Type\": \"Parallel\"");
        DefinitionException e = assertThrows(DefinitionException.class,
                () -> StateMachineDefinition.parse(definition, SUBSTITUTIONS));
        assertTrue(e.getMessage().contains("ItemFailed"), e.getMessage());
    }

    @Test
    void anUnsupportedFieldIsRefusedAtLoadTimeNamingStateAndField() {
        String definition = LocalPipeline.readDefinition()
                .replace("\"OutputPath\": \"$.Payload\",\n            \"Retry\"",
                        "\"OutputPath\": \"$.Payload\",\n            \"HeartbeatSeconds\": 60,\n            \"Retry\"");
        DefinitionException e = assertThrows(DefinitionException.class,
                () -> StateMachineDefinition.parse(definition, SUBSTITUTIONS));
        assertTrue(e.getMessage().contains("CallProvider") && e.getMessage().contains("HeartbeatSeconds"),
                e.getMessage());
    }

    @Test
    void aMissingSubstitutionIsRefused() {
        DefinitionException e = assertThrows(DefinitionException.class,
                () -> StateMachineDefinition.parse(LocalPipeline.readDefinition(), Map.of("MaxConcurrency", "3")));
        assertTrue(e.getMessage().contains("ProviderCallFunctionArn") || e.getMessage().contains("AggregateFunctionArn")
                        || e.getMessage().contains("ExecutionTimeoutSeconds")
                        || e.getMessage().contains("ReconcileFunctionArn"), e.getMessage());
    }
}
