package dev.omniarchitect.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.job.JobAggregator;
import dev.omniarchitect.job.Job;
import dev.omniarchitect.job.MapItemOutcome;
import dev.omniarchitect.job.MapRunOutcomes;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.runtime.FunctionPriming;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.runtime.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * AggregateFunction: {@code {"jobId", "executionStartTime", "results": {"Bucket", "Key"}}} in, the last naming the
 * Distributed Map's result manifest; writes the job's final status and summary and returns them (small: the files
 * stay in the jobs table).
 */
public final class AggregateHandler implements RequestStreamHandler {

    private final FunctionServices services;
    private final JobAggregator aggregator;
    private final MapRunOutcomes mapRuns;
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
        this.mapRuns = new MapRunOutcomes(services.jobFiles(), services.mapper());
        this.priming = FunctionPriming.aggregate(services, this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        AggregateEvent event = AggregateEvent.read(services.mapper(), input);
        String jobId = event.jobId();
        if (event.results() != null && !event.results().path("Bucket").asText().equals(services.jobFiles().bucket())) {
            throw new InvalidEventException("results must be in the job files bucket " + services.jobFiles().bucket());
        }
        Job job;
        try {
            // Read here, on the handler's thread: the result files are streamed, and reading them blocks.
            List<MapItemOutcome> outcomes = event.results() != null
                    ? mapRuns.read(event.results().path("Key").asText())
                    : event.mapOutcomes(services.mapper());
            job = aggregator.aggregate(jobId, event.itemIds(), outcomes, event.executionStartTime()).join();
        } catch (CompletionException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException io ? io.getCause() : HttpFailures.unwrap(e);
            String why = e instanceof UncheckedIOException ? e.getMessage() + " (" + cause.getMessage() + ")"
                    : cause.getMessage();
            throw new StorageUnavailableException("job " + jobId + " could not be aggregated: " + why, cause);
        }
        ObjectNode result = services.mapper().createObjectNode()
                .put("jobId", job.jobId())
                .put("status", job.status().name());
        result.set("summary", services.mapper().valueToTree(job.summary()));
        services.mapper().writeValue(output, result);
    }
}
