package dev.omniarchitect.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.job.ExecutionEnding;
import dev.omniarchitect.job.Job;
import dev.omniarchitect.job.JobReconciler;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.runtime.FunctionPriming;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.runtime.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * ReconcileFunction: ends the job of an execution that ended without aggregating it. Takes the EventBridge
 * "Step Functions Execution Status Change" event (FAILED, TIMED_OUT, ABORTED; the execution's name is the
 * job id) and the state machine's own Catch payload {@code {"jobId", "status", "error"}}.
 */
public final class ReconcileHandler implements RequestStreamHandler {

    static final String STATUS_CHANGE = "Step Functions Execution Status Change";

    private final FunctionServices services;
    private final JobReconciler reconciler;
    /** Held here: org.crac keeps its hooks only weakly. */
    private final Priming priming;

    /** Lambda's constructor: everything is built at init, for SnapStart to snapshot. */
    public ReconcileHandler() {
        this(FunctionServices.fromEnvironment());
        priming.register();
    }

    public ReconcileHandler(FunctionServices services) {
        this.services = services;
        this.reconciler = services.jobReconciler();
        this.priming = FunctionPriming.reconcile(services, this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = services.mapper().readTree(input);
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("ReconcileFunction takes a Step Functions status change event or "
                    + "{\"jobId\", \"status\", \"error\"}");
        }
        boolean statusChange = STATUS_CHANGE.equals(event.path("detail-type").asText());
        JsonNode fields = statusChange ? event.path("detail") : event;
        String jobId = (statusChange ? fields.path("name") : fields.path("jobId")).textValue();
        if (jobId == null || jobId.isBlank()) {
            throw new InvalidEventException(statusChange ? "the status change event has no detail.name"
                    : "the event must have a string field jobId");
        }
        ExecutionEnding.Status status = ExecutionEnding.statusOf(fields.path("status").asText(null));
        ObjectNode answer = services.mapper().createObjectNode().put("jobId", jobId);
        if (status == null) {
            // RUNNING or SUCCEEDED: a rule wider than ours, or a replayed event; nothing is left to end.
            services.mapper().writeValue(output, answer.put("reconciled", false));
            return;
        }
        Optional<Job> job;
        try {
            job = reconciler.reconcile(jobId, new ExecutionEnding(status, fields.path("error").asText(null))).join();
        } catch (CompletionException e) {
            Throwable cause = HttpFailures.unwrap(e);
            services.log().error("job.reconcile_failed", Map.of("jobId", jobId, "status", status.name()));
            throw new StorageUnavailableException("job " + jobId + " could not be reconciled", cause);
        }
        answer.put("reconciled", job.isPresent());
        job.ifPresent(found -> answer.put("status", found.status().name()));
        services.mapper().writeValue(output, answer);
    }
}
