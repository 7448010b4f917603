package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** One run of a state machine: the identity its context object shows and the services its states use. */
final class Execution {
    private static final String ARN_PREFIX = "arn:aws:states:local:000000000000:";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String stateMachineName;
    private final String name;
    private final Instant startTime;
    private final JsonNode input;
    private final ExecutionServices services;

    Execution(String stateMachineName, String name, Instant startTime, JsonNode input, ExecutionServices services) {
        this.stateMachineName = stateMachineName;
        this.name = name;
        this.startTime = startTime;
        this.input = input;
        this.services = services;
    }

    String name() {
        return name;
    }

    /** This execution's ARN, as $$.Execution.Id shows it. */
    String arn() {
        return ARN_PREFIX + "execution:" + stateMachineName + ":" + name;
    }

    String stateMachineArn() {
        return ARN_PREFIX + "stateMachine:" + stateMachineName;
    }

    /** The ARN of a Map Run this execution's Distributed Map state starts. */
    String mapRunArn(String label, String mapRunId) {
        return ARN_PREFIX + "mapRun:" + stateMachineName + "/" + label + ":" + mapRunId;
    }

    /** A child execution of a Distributed Map: an execution of its own, with this one's services. */
    Execution child(String childName, Instant childStart, JsonNode childInput) {
        return new Execution(stateMachineName, childName, childStart, childInput, services);
    }

    JsonNode input() {
        return input;
    }

    ExecutionServices services() {
        return services;
    }

    StateContext enter(String stateName) {
        return new StateContext(this, stateName, services.clock().instant().truncatedTo(ChronoUnit.MILLIS), 0);
    }

    ObjectNode contextObject(StateContext state) {
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        ObjectNode execution = context.putObject("Execution");
        execution.put("Id", arn());
        execution.set("Input", input);
        execution.put("Name", name);
        execution.put("StartTime", TIMESTAMP.format(startTime));
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("EnteredTime", TIMESTAMP.format(state.enteredTime()));
        stateNode.put("Name", state.stateName());
        stateNode.put("RetryCount", state.retryCount());
        ObjectNode stateMachine = context.putObject("StateMachine");
        stateMachine.put("Id", stateMachineArn());
        stateMachine.put("Name", stateMachineName);
        return context;
    }
}
