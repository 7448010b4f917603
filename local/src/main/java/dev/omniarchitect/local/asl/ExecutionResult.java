package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** How an execution ended, in the terms DescribeExecution uses; output is null unless it succeeded. */
public record ExecutionResult(
        Status status, JsonNode output, String error, String cause, Instant startTime, Instant stopTime) {

    /** The final status of an execution. */
    public enum Status {
        SUCCEEDED,
        FAILED
    }

    static ExecutionResult succeeded(JsonNode output, Instant startTime, Instant stopTime) {
        return new ExecutionResult(Status.SUCCEEDED, output, null, null, startTime, stopTime);
    }

    static ExecutionResult failed(StatesError failure, Instant startTime, Instant stopTime) {
        return new ExecutionResult(Status.FAILED, null, failure.error(), failure.cause(), startTime, stopTime);
    }
}
