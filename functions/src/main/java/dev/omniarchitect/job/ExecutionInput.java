package dev.omniarchitect.job;

/**
 * What a state machine execution starts with: references only, never prompts, answers or even item ids, so a
 * 10,000-item job starts with the same few bytes as a one-item job.
 *
 * @param jobId     the job, whose stored items hold the requests and whose header lists every item
 * @param itemsKey  the key of the {@link ItemsFile} in the job files bucket: the items this execution generates
 *                  (fewer than the job's when a sync call already generated some and hands the rest over)
 */
public record ExecutionInput(String jobId, String itemsKey) {
}
