package dev.omniarchitect.job;

import java.util.Locale;

/**
 * How a job's execution ended without aggregating it, as Step Functions reports it (the status change
 * event, or the state machine's own Catch), and what that means to the job's owner.
 *
 * @param status  how the execution ended
 * @param error   the Step Functions error name, when one was reported (never its cause, which may quote data)
 */
public record ExecutionEnding(Status status, String error) {

    /** The execution statuses that leave a job unfinished. */
    public enum Status {
        FAILED,
        TIMED_OUT,
        ABORTED
    }

    /** Step Functions error names are short; anything longer is not one. */
    private static final int MAX_ERROR_CHARS = 256;

    public ExecutionEnding {
        error = error == null || error.isBlank() ? "" : error.substring(0, Math.min(error.length(), MAX_ERROR_CHARS));
    }

    /** The status a status change event names; null for one that leaves nothing to reconcile (RUNNING, SUCCEEDED). */
    public static Status statusOf(String eventStatus) {
        if (eventStatus == null) {
            return null;
        }
        return switch (eventStatus.toUpperCase(Locale.ROOT)) {
            case "FAILED" -> Status.FAILED;
            case "TIMED_OUT" -> Status.TIMED_OUT;
            case "ABORTED" -> Status.ABORTED;
            default -> null;
        };
    }

    /** "failed", "ran past its time limit" or "was stopped". */
    String endedHow() {
        return switch (status) {
            case FAILED -> "failed";
            case TIMED_OUT -> "ran past its time limit";
            case ABORTED -> "was stopped";
        };
    }

    /** Why the job failed, in our words. */
    public JobFailure failure() {
        return switch (status) {
            case FAILED -> new JobFailure(JobFailure.Code.EXECUTION_FAILED,
                    "The job's execution failed: " + meaning() + ". Items that had ended keep their results.");
            case TIMED_OUT -> new JobFailure(JobFailure.Code.EXECUTION_TIMED_OUT,
                    "The job's execution ran past the state machine's time limit. Items that had ended keep their"
                            + " results.");
            case ABORTED -> new JobFailure(JobFailure.Code.EXECUTION_ABORTED,
                    "The job's execution was stopped before it ended. Items that had ended keep their results.");
        };
    }

    /** What the error name means, without quoting class names to a user. */
    private String meaning() {
        if (error.isEmpty()) {
            return "no error was reported";
        }
        if (error.equals("States.Timeout")) {
            return "a step ran past its time limit";
        }
        if (error.equals("States.DataLimitExceeded")) {
            return "a step's data passed Step Functions' 256 KiB limit";
        }
        if (error.equals("Lambda.TooManyRequestsException")) {
            return "the functions stayed throttled through every retry";
        }
        if (error.startsWith("Lambda.")) {
            return "the Lambda service failed through every retry";
        }
        if (error.endsWith("StorageUnavailableException")) {
            return "the jobs table could not be read or written";
        }
        if (error.startsWith("States.")) {
            return "Step Functions reported " + error;
        }
        return "a function failed unexpectedly";
    }
}
