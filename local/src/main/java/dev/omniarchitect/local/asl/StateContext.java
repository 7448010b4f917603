package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One visit of a state: what its context object shows, and the execution it belongs to. */
record StateContext(Execution execution, String stateName, Instant enteredTime, int retryCount) {
    StateContext retry(int count) {
        return new StateContext(execution, stateName, enteredTime, count);
    }

    ObjectNode contextObject() {
        return execution.contextObject(this);
    }

    Scope scope(JsonNode input) {
        return new Scope(stateName, input, contextObject());
    }
}
