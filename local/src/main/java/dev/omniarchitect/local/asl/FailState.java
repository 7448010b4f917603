package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A Fail state with a fixed Error and Cause, as the definition's JobFailed uses it: the execution ends
 * FAILED with them. ErrorPath and CausePath are refused at load time, as the definition needs neither.
 */
record FailState(String error, String cause) implements State {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "Error", "Cause");

    static FailState parse(FieldReader where) {
        where.allowOnly(FIELDS);
        return new FailState(where.optionalString("Error").orElse(null), where.optionalString("Cause").orElse(null));
    }

    @Override
    public StateOutcome execute(JsonNode input, StateContext state) throws StatesError {
        throw new StatesError(error, cause);
    }
}
