package dev.omniarchitect.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.local.runtime.LocalPipeline;
import org.junit.jupiter.api.Test;

/** State transitions counted from definitions, the deployed one included. */
class StateTransitionsTest {

    @Test
    void theDeployedDefinitionEntersTheMapAndAggregateOncePerJobAndStartsAChildOfOneTaskPerItem() {
        StateTransitions transitions = StateTransitions.count(LocalPipeline.readDefinition());

        // Per item: the child execution's start (the Distributed Map's) and its CallProvider; a failed item's
        // Catch adds ItemFailed.
        assertEquals(new StateTransitions(2, 2, 3), transitions);
    }

    @Test
    void aDistributedMapCountsTheStartOfEachChildExecution() {
        String definition = """
                {"StartAt": "Fan", "States": {
                  "Fan": {"Type": "Map", "End": true,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "x", "End": true}}}}}}
                """;

        assertEquals(new StateTransitions(1, 2, 2), StateTransitions.count(definition));
        assertEquals(new StateTransitions(1, 1, 1), StateTransitions.count(definition.replace("DISTRIBUTED", "INLINE")));
    }

    @Test
    void everyStateOnThePathCountsAndAFailedItemFollowsItsCatch() {
        String definition = """
                {"StartAt": "Prepare", "States": {
                  "Prepare": {"Type": "Pass", "Next": "Fan"},
                  "Fan": {"Type": "Map", "MaxConcurrency": ${MaxConcurrency}, "Next": "Done",
                    "ItemProcessor": {"StartAt": "Shape", "States": {
                      "Shape": {"Type": "Pass", "Next": "Call"},
                      "Call": {"Type": "Task", "Resource": "x", "Next": "Keep",
                               "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},
                      "Keep": {"Type": "Pass", "End": true},
                      "Failed": {"Type": "Pass", "Next": "Recorded"},
                      "Recorded": {"Type": "Pass", "End": true}}}},
                  "Done": {"Type": "Succeed", "End": true}}}
                """;

        assertEquals(new StateTransitions(3, 3, 4), StateTransitions.count(definition));
    }

    @Test
    void aChoiceMakesTheCountDependOnTheDataAndIsRefused() {
        String definition = """
                {"StartAt": "Which", "States": {
                  "Which": {"Type": "Choice", "Choices": [], "Default": "End"},
                  "End": {"Type": "Succeed", "End": true}}}
                """;

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> StateTransitions.count(definition));
        assertTrue(refused.getMessage().contains("Which"), refused.getMessage());
    }
}
