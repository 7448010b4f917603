package dev.omniarchitect.job;

import java.time.Instant;
import java.util.List;

/**
 * A job's header: what was asked and how it ended, without the items' contents.
 *
 * @param jobId       the job id, also the execution name
 * @param status      the stored status (RUNNING is derived when reading, from the results present)
 * @param createdAt   when it was submitted
 * @param finishedAt  when it was aggregated; null before
 * @param itemIds     the batch's item ids, in document order
 * @param summary     the numbers, once finished
 * @param owner       who submitted it, the only one who reads it
 */
public record Job(String jobId, JobStatus status, Instant createdAt, Instant finishedAt, List<String> itemIds,
                  JobSummary summary, Owner owner) {

    public Job {
        itemIds = List.copyOf(itemIds);
    }

    /** The ids of a page of the items: at most {@code limit} from the {@code from}th on, in document order. */
    public List<String> itemIds(int from, int limit) {
        int start = Math.min(from, itemIds.size());
        return itemIds.subList(start, Math.min(itemIds.size(), start + limit));
    }
}
