package dev.omniarchitect.job;

/**
 * Why a job ended FAILED although its items did not all fail: its execution failed, timed out or was
 * aborted, or its aggregation failed. Codes are stable; messages are ours, never a library's or a provider's.
 *
 * @param code     what ended the job
 * @param message  in words a user understands, naming the error Step Functions reported
 */
public record JobFailure(Code code, String message) {

    /** Stable codes: clients match on them, so never rename one. */
    public enum Code {
        /** A state failed with an error no Catch handled, or the Catch marked the job FAILED. */
        EXECUTION_FAILED,
        /** The execution ran past the state machine's TimeoutSeconds. */
        EXECUTION_TIMED_OUT,
        /** Someone stopped the execution. */
        EXECUTION_ABORTED
    }
}
