package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ExecutionException;

/** An error a state reports, with the error name Retry and Catch match on and its cause. */
final class StatesError extends Exception {
    private static final long serialVersionUID = 1L;

    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String RUNTIME = "States.Runtime";
    static final String TIMEOUT = "States.Timeout";
    static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
    static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";

    private final String error;
    private final String cause;

    StatesError(String error, String cause) {
        // Errors steer the state machine like return values do; a stack trace would only cost time.
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    /** A data-processing failure, which Step Functions never retries or lets a Catch handle. */
    static StatesError runtime(String stateName, String detail) {
        return new StatesError(RUNTIME, "An error occurred while executing the state '" + stateName + "'. " + detail);
    }

    /**
     * Hands the waiting thread what state work threw on another thread; that work throws only
     * StatesError, InterruptedException or unchecked exceptions.
     */
    static StatesError propagate(ExecutionException failure) throws InterruptedException {
        Throwable thrown = failure.getCause();
        if (thrown instanceof StatesError statesError) {
            return statesError;
        }
        if (thrown instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        throw (RuntimeException) thrown;
    }

    String error() {
        return error;
    }

    String cause() {
        return cause;
    }

    /** The {"Error","Cause"} object a Catch hands to its Next state. */
    JsonNode errorOutput() {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("Error", error);
        output.put("Cause", cause);
        return output;
    }
}
