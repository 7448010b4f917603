package dev.omniarchitect.job;

import dev.omniarchitect.batch.BatchLimits;

/**
 * The state machine's TimeoutSeconds, derived from the batch limits: the slowest job the template allows
 * (MaxConcurrency 1, every item using its whole function timeout) still ends before it, and an execution
 * that is stuck past it ends TIMED_OUT, which the reconciliation turns into a FAILED job.
 */
public final class ExecutionTimeout {

    /** ProviderCallFunction's Timeout: the longest item deadline, and a minute for the cache and job stores. */
    public static final int ITEM_FUNCTION_SECONDS = BatchLimits.MAX_TIMEOUT_SECONDS + 60;

    /** The aggregation or the marking of a failure: each function's minute across its retries and their waits. */
    public static final int FINISH_SECONDS = 3_600;

    /** Every item one after another at its longest, then the finish: 100 x 660 + 3,600 = 69,600 s (19 h 20 min). */
    public static final int SECONDS = BatchLimits.MAX_ITEMS * ITEM_FUNCTION_SECONDS + FINISH_SECONDS;

    private ExecutionTimeout() {
    }
}
