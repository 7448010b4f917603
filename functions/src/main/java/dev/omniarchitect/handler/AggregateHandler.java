package dev.omniarchitect.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.job.JobAggregator;
import dev.omniarchitect.job.Job;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.runtime.FunctionPriming;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.runtime.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
        AggregateEvent event = AggregateEvent.read(services.mapper(), input);
        String jobId = event.jobId();
        Job job;
        try {
            job = aggregator.aggregate(jobId, event.itemIds(), event.mapOutcomes(services.mapper()),
                    event.executionStartTime()).join();
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
}
