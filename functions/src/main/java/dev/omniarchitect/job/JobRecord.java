package dev.omniarchitect.job;

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
 */
public record JobRecord(String jobId, JobStatus status, Instant createdAt, Instant finishedAt, Progress progress,
                        JobSummary summary, List<ItemResult> items, Owner owner) {

    public JobRecord {
        items = List.copyOf(items);
    }

    /** Items ended so far, out of the total. */
    public record Progress(int done, int total) {
    }
}
