package dev.omniarchitect.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.job.JobAggregator;
import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.job.Job;
import dev.omniarchitect.job.MapItemOutcome;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.runtime.FunctionPriming;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.runtime.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * AggregateFunction: {@code {"jobId", "executionStartTime", "outcomes": [...]}} in; writes the job's
 * final status and summary and returns them (small: the files stay in the jobs table).
 */
public final class AggregateHandler implements RequestStreamHandler {

    private final FunctionServices services;
    private final JobAggregator aggregator;
    /** Held here: org.crac keeps its hooks only weakly. */
    private final Priming priming;

    /**
     * Lambda's constructor: everything is built here, at init, for SnapStart to snapshot, and the
     * function's priming is registered to run before the snapshot.
     */
    public AggregateHandler() {
        this(FunctionServices.fromEnvironment());
        priming.register();
    }

    public AggregateHandler(FunctionServices services) {
        this.services = services;
        this.aggregator = services.jobAggregator();
        this.priming = FunctionPriming.aggregate(services, this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = services.mapper().readTree(input);
        String jobId = event == null ? null : event.path("jobId").textValue();
        if (jobId == null) {
            throw new InvalidEventException("the event must have a string field jobId");
        }
        Instant started;
        try {
            started = Instant.parse(event.path("executionStartTime").asText());
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("executionStartTime must be an ISO-8601 instant such as "
                    + "2026-11-26T17:54:32.123Z");
        }
        List<MapItemOutcome> outcomes = new ArrayList<>();
        for (JsonNode outcome : event.path("outcomes")) {
            outcomes.add(outcome.hasNonNull("executionError")
                    ? MapItemOutcome.failed(outcome.path("itemId").textValue(), outcome.path("executionError").asText())
                    : MapItemOutcome.of(outcomeOf(outcome)));
        }
        List<String> itemIds = null;
        if (event.path("itemIds").isArray()) {
            itemIds = new ArrayList<>();
            for (JsonNode itemId : event.path("itemIds")) {
                itemIds.add(itemId.asText());
            }
        }
        Job job;
        try {
            job = aggregator.aggregate(jobId, itemIds, outcomes, started).join();
        } catch (CompletionException e) {
            Throwable cause = HttpFailures.unwrap(e);
            throw new StorageUnavailableException("job " + jobId + " could not be aggregated: " + cause.getMessage(),
                    cause);
        }
        ObjectNode result = services.mapper().createObjectNode()
                .put("jobId", job.jobId())
                .put("status", job.status().name());
        result.set("summary", services.mapper().valueToTree(job.summary()));
        services.mapper().writeValue(output, result);
    }

    /** A function's outcome as the Map passed it on; one that is not an outcome at all vouches for nothing. */
    private ItemOutcome outcomeOf(JsonNode outcome) {
        try {
            return services.mapper().treeToValue(outcome, ItemOutcome.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return ItemOutcome.unstored(outcome.path("itemId").textValue(), 0, null);
        }
    }
}
