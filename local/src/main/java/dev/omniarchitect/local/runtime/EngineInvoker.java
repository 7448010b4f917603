package dev.omniarchitect.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.JobStore;
import dev.omniarchitect.local.asl.LambdaFailure;
import dev.omniarchitect.local.asl.LambdaInvoker;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions as the engine's executions call them. An execution resumed after a restart is redriven
 * as Step Functions redrives a Map: an item whose result is already stored keeps it (its outcome is read
 * back, the provider is not called). A stopping engine starts no invocation: each fails at once with
 * {@link #STOPPING_ERROR}, which no Retry of the definition matches, so nothing more is recorded for the
 * job and it stays unfinished for the next start.
 */
final class EngineInvoker implements LambdaInvoker {

    /** The error a refused invocation fails with. */
    static final String STOPPING_ERROR = "Omni.EngineStopping";

    private final LambdaInvoker functions;
    private final JobStore jobs;
    private final ObjectMapper mapper;
    private final Set<String> redriven = ConcurrentHashMap.newKeySet();
    private final InvocationGate gate;

    EngineInvoker(LambdaInvoker functions, JobStore jobs, ObjectMapper mapper, InvocationGate gate) {
        this.functions = functions;
        this.jobs = jobs;
        this.mapper = mapper;
        this.gate = gate;
    }

    /** That job's execution is a redrive: stored item outcomes are kept. */
    void redrive(String jobId) {
        redriven.add(jobId);
    }

    /** That job's execution has ended. */
    void ended(String jobId) {
        redriven.remove(jobId);
    }

    @Override
    public JsonNode invoke(String functionName, JsonNode payload) throws LambdaFailure {
        Optional<JsonNode> kept = keptOutcome(functionName, payload);
        if (kept.isPresent()) {
            return kept.get();
        }
        if (!gate.enter()) {
            throw new LambdaFailure(STOPPING_ERROR, "the engine is stopping; the job resumes at its next start");
        }
        try {
            return functions.invoke(functionName, payload);
        } finally {
            gate.exit();
        }
    }

    private Optional<JsonNode> keptOutcome(String functionName, JsonNode payload) {
        String jobId = payload.path("jobId").textValue();
        String itemId = payload.path("itemId").textValue();
        if (!LocalFunctions.PROVIDER_CALL.equals(functionName) || jobId == null || itemId == null
                || !redriven.contains(jobId)) {
            return Optional.empty();
        }
        try {
            Optional<ItemResult> stored = jobs.loadResult(jobId, itemId).join();
            return stored.map(result -> mapper.valueToTree(ItemOutcome.of(result, jobs.contentRef(jobId, itemId))));
        } catch (CompletionException unreadable) {
            // The function reads the store too and reports what it finds: call it.
            return Optional.empty();
        }
    }

    /**
     * Refuses every new invocation (and sync item), then waits up to {@code bound} for those in flight to end.
     *
     * @return how many were still in flight when the bound passed (0 when all ended)
     */
    int stop(Duration bound) {
        return gate.close(bound);
    }
}
