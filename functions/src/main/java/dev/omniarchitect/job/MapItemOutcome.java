package dev.omniarchitect.job;

/**
 * One element of the Map state's output as AggregateFunction receives it: either a provider call's
 * outcome, or what the iteration's Catch made of a function failure (then {@code executionError} is set).
 *
 * @param itemId          the item
 * @param executionError  the Step Functions error name when the function itself failed, else null
 */
public record MapItemOutcome(String itemId, String executionError) {
}
