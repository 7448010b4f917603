package dev.omniarchitect.job;

/**
 * An execution that could not be started now (the engine or account is at its limit, the service
 * throttled or failed, the engine is stopping). The job it was for is not kept; the caller may retry
 * after {@link #retryAfterSeconds()}.
 */
public final class ExecutionRefusedException extends RuntimeException {

    /** Why the start was refused; each reason tells the caller something different. */
    public enum Reason {
        /** As many executions run (or wait) as allowed: retry shortly. */
        LIMIT,
        /** The service throttled the call: retry shortly. */
        THROTTLED,
        /** The service (or the jobs table) failed or could not be reached: retry later. */
        UNAVAILABLE,
        /** The engine is stopping and takes no new work: retry once it is back. */
        STOPPING
    }

    private final Reason reason;
    private final int retryAfterSeconds;

    public ExecutionRefusedException(Reason reason, int retryAfterSeconds, String message) {
        this(reason, retryAfterSeconds, message, null);
    }

    public ExecutionRefusedException(Reason reason, int retryAfterSeconds, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Reason reason() {
        return reason;
    }

    /** Seconds after which a retry may succeed, for a {@code Retry-After} header. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
