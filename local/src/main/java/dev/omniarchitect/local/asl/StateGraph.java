package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A StartAt and its States: a whole state machine, or the processor a Map runs for each item. */
record StateGraph(String startAt, Map<String, State> states) {
    StateGraph {
        states = Map.copyOf(states);
    }

    JsonNode run(JsonNode input, Execution execution) throws StatesError, InterruptedException {
        String stateName = startAt;
        JsonNode data = input;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            StateContext state = execution.enter(stateName);
            ExecutionListener listener = execution.services().listener();
            listener.stateEntered(stateName, data);
            PayloadLimit.check(data, stateName, "input");
            StateOutcome outcome = states.get(stateName).execute(data, state);
            listener.stateExited(stateName, outcome.output());
            PayloadLimit.check(outcome.output(), stateName, "output");
            if (outcome.next().isEmpty()) {
                return outcome.output();
            }
            stateName = outcome.next().get();
            data = outcome.output();
        }
    }
}
