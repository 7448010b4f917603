package dev.omniarchitect.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A job as users see it: status, progress, summary and every item that has ended.
 *
 * @param jobId       the job id
 * @param status      QUEUED, RUNNING, SUCCEEDED, PARTIAL or FAILED
 * @param createdAt   submission time
 * @param finishedAt  aggregation time, null while running
 * @param progress    items ended and in total
 * @param summary     the numbers, once finished
 * @param items       the ended items in document order
 * @param owner       who submitted it, the only one who reads it
 * @param itemStates  every item's state (queued, calling or how it ended), in document order
 */
public record JobRecord(String jobId, JobStatus status, Instant createdAt, Instant finishedAt, Progress progress,
                        JobSummary summary, List<ItemResult> items, Owner owner, List<ItemState> itemStates) {

    public JobRecord {
        items = List.copyOf(items);
        itemStates = List.copyOf(itemStates);
    }

    /** This record with another progress (a running job's pace). */
    public JobRecord withProgress(Progress newProgress) {
        return new JobRecord(jobId, status, createdAt, finishedAt, newProgress, summary, items, owner, itemStates);
    }

    /** This record with only these of its items (a page of them). */
    public JobRecord withItems(List<ItemResult> someItems, List<ItemState> someStates) {
        return new JobRecord(jobId, status, createdAt, finishedAt, progress, summary, someItems, owner, someStates);
    }

    /**
     * Items ended so far, out of the total, and while the job runs, its pace and what is left at that pace
     * ({@link ItemRate}; absent when no item ended in the last minute).
     */
    public record Progress(int done, int total,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double itemsPerSecond,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long etaSeconds) {

        /** Progress without a pace: a job that has ended, or one no item of which has. */
        public Progress(int done, int total) {
            this(done, total, null, null);
        }
    }
}
