package dev.omniarchitect.job;

import java.time.Instant;
import java.util.List;

/**
 * How far a job's items are, read without their results' contents: what a page of a large job's record says of
 * the whole job.
 *
 * @param ended    items with a stored result
 * @param calling  items whose provider call has begun, without a result yet
 * @param endedAt  when each ended item ended, where its result says (for the job's pace, {@link ItemRate})
 */
public record ItemTally(int ended, int calling, List<Instant> endedAt) {

    public ItemTally {
        endedAt = List.copyOf(endedAt);
    }
}
