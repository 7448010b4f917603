package dev.omniarchitect.job;

import java.util.List;

/**
 * What a state machine execution starts with: references only, never prompts or answers, so a
 * 100-item batch of 16,000-character prompts stays a few kilobytes.
 *
 * @param jobId  the job, whose stored items hold the requests
 * @param items  the item ids, in document order
 */
public record ExecutionInput(String jobId, List<String> items) {

    public ExecutionInput {
        items = List.copyOf(items);
    }
}
