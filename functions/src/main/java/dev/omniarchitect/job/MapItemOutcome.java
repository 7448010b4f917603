package dev.omniarchitect.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One element of the Map state's output as AggregateFunction receives it: either a provider call's
 * outcome, or what the iteration's Catch made of a function failure (then {@code executionError} is set).
 *
 * @param itemId          the item
 * @param executionError  the Step Functions error name when the function itself failed, else null
 * @param outcome         what the function returned; null when it failed
 */
public record MapItemOutcome(String itemId, String executionError, ItemOutcome outcome) {

    /** The element for an outcome the function returned. */
    public static MapItemOutcome of(ItemOutcome outcome) {
        return new MapItemOutcome(outcome.itemId(), null, outcome);
    }

    /** The element the Catch made of a function that failed with that error. */
    public static MapItemOutcome failed(String itemId, String executionError) {
        return new MapItemOutcome(itemId, executionError, null);
    }

    /**
     * A child's output as the definition leaves it: the function's outcome, or {@code {itemId, executionError}}
     * where the child's Catch took a failure. One that is not an outcome at all vouches for nothing, so its item
     * is looked up.
     */
    public static MapItemOutcome fromJson(ObjectMapper mapper, JsonNode output) {
        if (output.hasNonNull("executionError")) {
            return failed(output.path("itemId").textValue(), output.path("executionError").asText());
        }
        try {
            return of(mapper.treeToValue(output, ItemOutcome.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return of(ItemOutcome.unstored(output.path("itemId").textValue(), 0, null));
        }
    }

    /** Whether the function stored the item's result, so its outcome can be summed without reading it back. */
    public boolean stored() {
        return outcome != null && outcome.stored();
    }
}
