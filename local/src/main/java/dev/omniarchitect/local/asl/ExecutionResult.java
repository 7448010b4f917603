package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** How an execution ended, in the terms DescribeExecution uses; output is null unless it succeeded. */
public record ExecutionResult(
        Status status, JsonNode output, String error, String cause, Instant startTime, Instant stopTime) {

    /** The final status of an execution. */
    public enum Status {
        SUCCEEDED,
        FAILED,
        /** It ran past the state machine's TimeoutSeconds; no Catch sees this. */
        TIMED_OUT,
        /** It was stopped from outside (StopExecution). */
        ABORTED
    }

    static ExecutionResult succeeded(JsonNode output, Instant startTime, Instant stopTime) {
        return new ExecutionResult(Status.SUCCEEDED, output, null, null, startTime, stopTime);
    }

    static ExecutionResult timedOut(Instant startTime, Instant stopTime) {
        return new ExecutionResult(Status.TIMED_OUT, null, StatesError.TIMEOUT,
                "The execution ran longer than the state machine's TimeoutSeconds.", startTime, stopTime);
    }

    /** An execution stopped before it ended, as StopExecution leaves it. */
    public static ExecutionResult aborted(Instant startTime, Instant stopTime) {
        return new ExecutionResult(Status.ABORTED, null, null, null, startTime, stopTime);
    }

    static ExecutionResult failed(StatesError failure, Instant startTime, Instant stopTime) {
        return new ExecutionResult(Status.FAILED, null, failure.error(), failure.cause(), startTime, stopTime);
    }
}
