package dev.omniarchitect.job;

import java.util.List;

/**
 * What a state machine execution starts with: references only, never prompts or answers, so a
 * 100-item batch of 16,000-character prompts stays a few kilobytes.
 *
 * @param jobId    the job, whose stored items hold the requests
 * @param items    the ids of the items to generate, in document order
 * @param itemIds  every item id of the job, in document order, which the aggregation sums up: more than
 *                 {@code items} when a sync call already generated some and hands the rest over
 */
public record ExecutionInput(String jobId, List<String> items, List<String> itemIds) {

    public ExecutionInput {
        items = List.copyOf(items);
        itemIds = List.copyOf(itemIds);
    }

    /** An execution that generates every item of the job. */
    public ExecutionInput(String jobId, List<String> items) {
        this(jobId, items, items);
    }
}
