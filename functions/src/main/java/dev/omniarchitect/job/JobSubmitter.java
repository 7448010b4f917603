package dev.omniarchitect.job;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.HttpFailures;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Stores a validated batch as a job, then starts its execution with references only. A job whose
 * execution cannot be started is deleted again, so no job stays QUEUED without an execution.
 */
public final class JobSubmitter {

    private final JobStore jobs;
    private final ExecutionStarter executions;
    private final JobIds ids;
    private final StructuredLog log;
    private final Clock clock;

    public JobSubmitter(JobStore jobs, ExecutionStarter executions, JobIds ids, StructuredLog log, Clock clock) {
        this.jobs = jobs;
        this.executions = executions;
        this.ids = ids;
        this.log = log;
        this.clock = clock;
    }

    /** The new job's id, once its records are stored (the local user's) and its execution started. */
    public CompletableFuture<String> submit(BatchDocument document) {
        String jobId = ids.next();
        return submit(jobId, document, Owner.LOCAL).thenApply(started -> jobId);
    }

    /**
     * Starts an execution for the items of a stored job that are still to run ({@code toRun}), whose
     * aggregation covers every item of the job ({@code itemIds}): a sync call handing over what its budget
     * left undone.
     */
    public CompletableFuture<Void> handOver(String jobId, List<String> toRun, List<String> itemIds) {
        return executions.start(new ExecutionInput(jobId, toRun, itemIds)).thenApply(started -> {
            log.info("job.handed_over", Map.of("jobId", jobId, "items", toRun.size(), "total", itemIds.size()));
            return null;
        });
    }

    /**
     * Stores the batch as the job of that id (a fresh one from {@link JobIds}) and starts its execution.
     * Fails with {@link ExecutionRefusedException} when the execution was refused for now, and with the
     * starter's error otherwise; either way the job's records are gone.
     */
    public CompletableFuture<Void> submit(String jobId, BatchDocument document, Owner owner) {
        ExecutionInput input = new ExecutionInput(jobId, document.items().stream().map(BatchItem::id).toList());
        return jobs.create(jobId, document, owner, clock.instant())
                // A store too busy to take the job may still have kept part of it: nothing must stay.
                .exceptionallyCompose(error -> forget(jobId, ExecutionRefusedException.ifStoreUnavailable(error)))
                .thenCompose(created -> executions.start(input)
                        .exceptionallyCompose(error -> forget(jobId, HttpFailures.unwrap(error))))
                .thenApply(started -> {
                    log.info("job.submitted", Map.of("jobId", jobId, "items", input.items().size()));
                    return null;
                });
    }

    private CompletableFuture<Void> forget(String jobId, Throwable refusal) {
        String reason = refusal instanceof ExecutionRefusedException refused ? refused.reason().name()
                : refusal.getClass().getSimpleName();
        return jobs.delete(jobId).handle((deleted, error) -> {
            if (error == null) {
                log.info("job.not_started", Map.of("jobId", jobId, "reason", reason));
            } else {
                // The header may survive; the next local engine start resumes it, deployed it stays QUEUED
                // until its TTL. Rare: the same store just took the job's records.
                log.error("job.not_started", Map.of("jobId", jobId, "reason", reason, "deleted", false,
                        "deleteError", HttpFailures.unwrap(error).getClass().getSimpleName()));
            }
            throw new CompletionException(refusal);
        });
    }
}
