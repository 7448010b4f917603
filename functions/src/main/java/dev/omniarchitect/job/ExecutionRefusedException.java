package dev.omniarchitect.job;

import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.ProviderException;

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

    /** What callers are told to wait when the jobs table could not take a job. */
    static final int RETRY_AFTER_STORE_SECONDS = 5;

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

    /**
     * A jobs table that could not take a job now (STORAGE_UNAVAILABLE) refuses it as a busy engine would:
     * retry later. Any other failure unwrapped, as it was.
     */
    public static Throwable ifStoreUnavailable(Throwable failure) {
        Throwable cause = HttpFailures.unwrap(failure);
        return cause instanceof ProviderException stored && stored.code() == ErrorCode.STORAGE_UNAVAILABLE
                ? new ExecutionRefusedException(Reason.UNAVAILABLE, RETRY_AFTER_STORE_SECONDS,
                        "the jobs table could not take the job now", cause)
                : cause;
    }

    public Reason reason() {
        return reason;
    }

    /** Seconds after which a retry may succeed, for a {@code Retry-After} header. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
