package dev.omniarchitect.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.job.MapItemOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * AggregateFunction's event, as the definition's Aggregate state builds it.
 *
 * @param jobId               the job to finish
 * @param executionStartTime  {@code $$.Execution.StartTime}
 * @param itemIds             the execution's item ids; null from an older execution that did not pass them
 * @param outcomes            each Map iteration's output: an item outcome, or {@code {itemId, executionError}}
 *                            where the iteration failed; kept as JSON until {@link #mapOutcomes} reads each one
 *                            alone, so a malformed outcome costs only its own item
 */
record AggregateEvent(String jobId, Instant executionStartTime, List<String> itemIds, List<JsonNode> outcomes) {

    AggregateEvent {
        if (jobId == null) {
            throw new InvalidEventException("the event must have a string field jobId");
        }
        if (executionStartTime == null) {
            throw badStartTime();
        }
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /** The event read from Lambda's input; an event of another shape is an {@link InvalidEventException}. */
    static AggregateEvent read(ObjectMapper mapper, InputStream input) throws IOException {
        AggregateEvent event;
        try {
            event = mapper.readValue(input, AggregateEvent.class);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof InvalidEventException invalid) {
                throw invalid;
            }
            throw e;
        } catch (MismatchedInputException e) {
            boolean startTime = !e.getPath().isEmpty()
                    && "executionStartTime".equals(e.getPath().get(e.getPath().size() - 1).getFieldName());
            throw startTime ? badStartTime() : new InvalidEventException("the event must be {jobId, "
                    + "executionStartTime, itemIds, outcomes} with a string jobId and arrays itemIds and outcomes");
        }
        if (event == null) {
            throw new InvalidEventException("the event must have a string field jobId");
        }
        return event;
    }

    /** Each iteration's outcome as the aggregator takes it. */
    List<MapItemOutcome> mapOutcomes(ObjectMapper mapper) {
        return outcomes.stream()
                .map(outcome -> outcome.hasNonNull("executionError")
                        ? MapItemOutcome.failed(outcome.path("itemId").textValue(),
                                outcome.path("executionError").asText())
                        : MapItemOutcome.of(outcomeOf(mapper, outcome)))
                .toList();
    }

    /** A function's outcome as the Map passed it on; one that is not an outcome at all vouches for nothing. */
    private static ItemOutcome outcomeOf(ObjectMapper mapper, JsonNode outcome) {
        try {
            return mapper.treeToValue(outcome, ItemOutcome.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return ItemOutcome.unstored(outcome.path("itemId").textValue(), 0, null);
        }
    }

    private static InvalidEventException badStartTime() {
        return new InvalidEventException("executionStartTime must be an ISO-8601 instant such as "
                + "2026-11-26T17:54:32.123Z");
    }
}
