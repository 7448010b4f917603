package dev.omniarchitect.job;

import java.util.List;

/**
 * The numbers of a finished job.
 *
 * @param total         items in the batch
 * @param succeeded     items that succeeded
 * @param failed        items that failed
 * @param cacheHits     items answered from the cache
 * @param inputTokens   tokens sent, over every call made
 * @param outputTokens  tokens received, over every call made
 * @param wallMs        from the execution's start to the aggregation
 * @param sumItemMs     the items' durations added up: the wall time one at a time would have taken
 * @param speedup       sumItemMs / wallMs
 */
public record JobSummary(
        int total,
        int succeeded,
        int failed,
        int cacheHits,
        long inputTokens,
        long outputTokens,
        long wallMs,
        long sumItemMs,
        double speedup) {

    /** The summary of these results, over that wall time. */
    public static JobSummary of(List<ItemResult> results, long wallMs) {
        int succeeded = (int) results.stream().filter(r -> r.status() == ItemStatus.SUCCEEDED).count();
        int cacheHits = (int) results.stream().filter(ItemResult::cached).count();
        // A cache hit reports the original call's usage, but this job did not spend it.
        long inputTokens = results.stream().filter(r -> !r.cached()).mapToLong(r -> r.usage().inputTokens()).sum();
        long outputTokens = results.stream().filter(r -> !r.cached()).mapToLong(r -> r.usage().outputTokens()).sum();
        long sumItemMs = results.stream().mapToLong(ItemResult::durationMs).sum();
        long wall = Math.max(1, wallMs);
        double speedup = Math.round(sumItemMs * 100.0 / wall) / 100.0;
        return new JobSummary(results.size(), succeeded, results.size() - succeeded, cacheHits,
                inputTokens, outputTokens, wall, sumItemMs, speedup);
    }

    /** SUCCEEDED when every item succeeded, FAILED when none did, else PARTIAL. */
    public JobStatus status() {
        if (failed == 0) {
            return JobStatus.SUCCEEDED;
        }
        return succeeded == 0 ? JobStatus.FAILED : JobStatus.PARTIAL;
    }
}
