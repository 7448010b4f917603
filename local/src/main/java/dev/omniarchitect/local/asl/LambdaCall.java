package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** A Task state's call of a Lambda function: Lambda's errors as Step Functions reports them, and TimeoutSeconds. */
record LambdaCall(StateContext state, Optional<Duration> timeout) {
    static final String UNKNOWN_ERROR = "Lambda.Unknown";

    /** Calls the function a name, partial ARN or ARN refers to, ignoring any version or alias qualifier. */
    JsonNode invoke(String functionReference, JsonNode payload) throws StatesError, InterruptedException {
        String functionName = functionName(functionReference);
        if (timeout.isEmpty()) {
            return invokeNow(functionName, payload);
        }
        try {
            return TimeLimit.run("asl-task-" + state.stateName(), timeout.get(),
                    () -> invokeNow(functionName, payload));
        } catch (TimeoutException e) {
            throw new StatesError(StatesError.TIMEOUT, "State '" + state.stateName() + "' ran longer than its"
                    + " TimeoutSeconds of " + timeout.get().toSeconds() + ".");
        }
    }

    private JsonNode invokeNow(String functionName, JsonNode payload) throws StatesError {
        LambdaInvoker invoker = state.execution().services().lambdaInvoker();
        try {
            // Lambda gets and gives serialized JSON, so neither side can change what the other holds.
            JsonNode output = invoker.invoke(functionName, payload.deepCopy());
            return output == null ? NullNode.getInstance() : output.deepCopy();
        } catch (LambdaFailure failure) {
            ObjectNode cause = JsonNodeFactory.instance.objectNode();
            cause.put("errorMessage", failure.errorMessage());
            cause.put("errorType", failure.errorType());
            throw new StatesError(failure.errorType(), JsonText.write(cause));
        } catch (RuntimeException e) {
            throw new StatesError(UNKNOWN_ERROR, "The function " + functionName + " failed unexpectedly: " + e);
        }
    }

    static String functionName(String functionReference) {
        List<String> parts = Arrays.asList(functionReference.split(":", -1));
        int function = parts.indexOf("function");
        return function >= 0 && function + 1 < parts.size() ? parts.get(function + 1) : parts.get(0);
    }
}
