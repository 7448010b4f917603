package dev.omniarchitect.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.local.runtime.LocalPipeline;
import org.junit.jupiter.api.Test;

/** State transitions counted from definitions, the deployed one included. */
class StateTransitionsTest {

    @Test
    void theDeployedDefinitionEntersTheMapAndAggregateOncePerJobAndOneTaskPerItem() {
        StateTransitions transitions = StateTransitions.count(LocalPipeline.readDefinition());

        assertEquals(new StateTransitions(2, 1, 2), transitions);
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
