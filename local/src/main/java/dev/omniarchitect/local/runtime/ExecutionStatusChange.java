package dev.omniarchitect.local.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.local.asl.ExecutionResult;
import java.util.UUID;

/**
 * The EventBridge event Step Functions sends when an execution's status changes, as the template's rule
 * hands it to ReconcileFunction; the execution's input is left out, as the rule has no use for it.
 */
final class ExecutionStatusChange {

    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "local";

    private ExecutionStatusChange() {
    }

    /** The event for the end of the execution named {@code name} of that state machine. */
    static ObjectNode of(ObjectMapper mapper, String stateMachineName, String name, ExecutionResult result) {
        String stateMachineArn = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + stateMachineName;
        String executionArn = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":execution:" + stateMachineName + ":" + name;
        ObjectNode event = mapper.createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Step Functions Execution Status Change")
                .put("source", "aws.states")
                .put("account", ACCOUNT)
                .put("time", result.stopTime().toString())
                .put("region", REGION);
        event.putArray("resources").add(executionArn);
        ObjectNode detail = event.putObject("detail")
                .put("executionArn", executionArn)
                .put("stateMachineArn", stateMachineArn)
                .put("name", name)
                .put("status", result.status().name())
                .put("startDate", result.startTime().toEpochMilli())
                .put("stopDate", result.stopTime().toEpochMilli());
        detail.put("error", result.error());
        detail.put("cause", result.cause());
        return event;
    }
}
