package dev.omniarchitect.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
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
 * @param results             the Distributed Map's ResultWriterDetails, {@code {Bucket, Key}} of its manifest:
 *                            where the children's outcomes are; null from an execution started before the Map was
 *                            distributed, which passes them inline
 * @param itemIds             an older execution's item ids; null otherwise (the job's header lists them)
 * @param outcomes            an older execution's Map output: an item outcome, or {@code {itemId, executionError}}
 *                            where the iteration failed; kept as JSON until {@link #mapOutcomes} reads each one
 *                            alone, so a malformed outcome costs only its own item
 */
record AggregateEvent(String jobId, Instant executionStartTime, JsonNode results, List<String> itemIds,
                      List<JsonNode> outcomes) {

    AggregateEvent {
        if (jobId == null) {
            throw new InvalidEventException("the event must have a string field jobId");
        }
        if (executionStartTime == null) {
            throw badStartTime();
        }
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        if (results != null && (!results.path("Bucket").isTextual() || !results.path("Key").isTextual())) {
            throw new InvalidEventException("results must be the Map's ResultWriterDetails, {\"Bucket\": ..., "
                    + "\"Key\": ...} with strings");
        }
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
                    + "executionStartTime, results} with a string jobId and the Map's ResultWriterDetails (or, from an "
                    + "older execution, arrays itemIds and outcomes)");
        }
        if (event == null) {
            throw new InvalidEventException("the event must have a string field jobId");
        }
        return event;
    }

    /** An older execution's inline outcomes as the aggregator takes them. */
    List<MapItemOutcome> mapOutcomes(ObjectMapper mapper) {
        return outcomes.stream().map(outcome -> MapItemOutcome.fromJson(mapper, outcome)).toList();
    }

    private static InvalidEventException badStartTime() {
        return new InvalidEventException("executionStartTime must be an ISO-8601 instant such as "
                + "2026-11-26T17:54:32.123Z");
    }
}
