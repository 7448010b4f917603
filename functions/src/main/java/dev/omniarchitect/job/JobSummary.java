package dev.omniarchitect.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The numbers of a finished job.
 *
 * @param total         items in the batch
 * @param succeeded     items that succeeded: generated, and valid
 * @param invalid       items whose files came back with validation errors
 * @param failed        items that failed: no files
 * @param cacheHits     items answered from the cache
 * @param inputTokens   tokens sent, over every call made
 * @param outputTokens  tokens received, over every call made
 * @param wallMs        from the execution's start to the aggregation
 * @param sumItemMs     the items' durations added up: the wall time one at a time would have taken
 * @param speedup       sumItemMs / wallMs
 * @param costUsd       what the calls cost at list prices, over the items whose model has a price
 * @param costSavedUsd  what the cache hits would have cost
 * @param unpricedItems items whose model has no price, so their cost is in neither figure
 * @param leaseWaitMs   the items' waits for the providers' shared limits, added up
 * @param failure       why the job failed as a whole (its execution ended badly); null when its items decide
 */
public record JobSummary(
        int total,
        int succeeded,
        int invalid,
        int failed,
        int cacheHits,
        long inputTokens,
        long outputTokens,
        long wallMs,
        long sumItemMs,
        double speedup,
        double costUsd,
        double costSavedUsd,
        int unpricedItems,
        long leaseWaitMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) JobFailure failure) {

    /** The summary of these items' outcomes, over that wall time. */
    public static JobSummary of(List<ItemOutcome> items, long wallMs) {
        int succeeded = count(items, ItemStatus.SUCCEEDED);
        int invalid = count(items, ItemStatus.INVALID);
        int cacheHits = (int) items.stream().filter(ItemOutcome::cached).count();
        // A cache hit reports the original call's usage, but this job did not spend it.
        long inputTokens = items.stream().filter(r -> !r.cached()).mapToLong(r -> r.usage().inputTokens()).sum();
        long outputTokens = items.stream().filter(r -> !r.cached()).mapToLong(r -> r.usage().outputTokens()).sum();
        long sumItemMs = items.stream().mapToLong(ItemOutcome::durationMs).sum();
        long wall = Math.max(1, wallMs);
        double speedup = Math.round(sumItemMs * 100.0 / wall) / 100.0;
        double cost = items.stream().filter(r -> r.costUsd() != null).mapToDouble(ItemOutcome::costUsd).sum();
        double saved = items.stream().filter(r -> r.costSavedUsd() != null)
                .mapToDouble(ItemOutcome::costSavedUsd).sum();
        int unpriced = (int) items.stream()
                .filter(r -> r.cached() ? r.costSavedUsd() == null : r.costUsd() == null)
                .filter(r -> r.usage().inputTokens() + r.usage().outputTokens() > 0)
                .count();
        return new JobSummary(items.size(), succeeded, invalid, count(items, ItemStatus.FAILED), cacheHits,
                inputTokens, outputTokens, wall, sumItemMs, speedup, roundMicros(cost), roundMicros(saved), unpriced,
                items.stream().mapToLong(ItemOutcome::leaseWaitMs).sum(), null);
    }

    /** The same numbers for a job whose execution ended badly: its status is FAILED whatever its items say. */
    public JobSummary failedBy(JobFailure why) {
        return new JobSummary(total, succeeded, invalid, failed, cacheHits, inputTokens, outputTokens, wallMs,
                sumItemMs, speedup, costUsd, costSavedUsd, unpricedItems, leaseWaitMs, why);
    }

    /**
     * SUCCEEDED when every item succeeded, FAILED when none has files to show or the execution failed, else
     * PARTIAL.
     */
    public JobStatus status() {
        if (failure != null) {
            return JobStatus.FAILED;
        }
        if (failed == 0 && invalid == 0) {
            return JobStatus.SUCCEEDED;
        }
        return succeeded == 0 && invalid == 0 ? JobStatus.FAILED : JobStatus.PARTIAL;
    }

    private static int count(List<ItemOutcome> items, ItemStatus status) {
        return (int) items.stream().filter(r -> r.status() == status).count();
    }

    private static double roundMicros(double usd) {
        return Math.round(usd * 1_000_000) / 1_000_000.0;
    }
}
