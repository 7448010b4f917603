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
    private final JobFileStore files;
    private final JobIds ids;
    private final StructuredLog log;
    private final Clock clock;

    public JobSubmitter(JobStore jobs, ExecutionStarter executions, JobFileStore files, JobIds ids, StructuredLog log,
                        Clock clock) {
        this.jobs = jobs;
        this.executions = executions;
        this.files = files;
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
     * aggregation covers every item of the job (the header's): a sync call handing over what its budget left
     * undone.
     */
    public CompletableFuture<Void> handOver(String jobId, List<String> toRun, int total) {
        return start(jobId, toRun).thenApply(started -> {
            log.info("job.handed_over", Map.of("jobId", jobId, "items", toRun.size(), "total", total));
            return null;
        });
    }

    /**
     * Writes the items file of those items of a stored job and starts its execution: its Distributed Map reads
     * the file, so the execution's input is two references whatever the job's size.
     */
    public CompletableFuture<Void> start(String jobId, List<String> itemIds) {
        return ItemsFile.write(files, jobId, itemIds)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        ExecutionRefusedException.ifStoreUnavailable(error)))
                .thenCompose(executions::start);
    }

    /**
     * Stores the batch as the job of that id (a fresh one from {@link JobIds}) and starts its execution.
     * Fails with {@link ExecutionRefusedException} when the execution was refused for now, and with the
     * starter's error otherwise; either way the job's records are gone.
     */
    public CompletableFuture<Void> submit(String jobId, BatchDocument document, Owner owner) {
        List<String> itemIds = document.items().stream().map(BatchItem::id).toList();
        return jobs.create(jobId, document, owner, clock.instant())
                // A store too busy to take the job may still have kept part of it: nothing must stay.
                .exceptionallyCompose(error -> forget(jobId, ExecutionRefusedException.ifStoreUnavailable(error)))
                .thenCompose(created -> start(jobId, itemIds)
                        .exceptionallyCompose(error -> forget(jobId, HttpFailures.unwrap(error))))
                .thenApply(started -> {
                    log.info("job.submitted", Map.of("jobId", jobId, "items", itemIds.size()));
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
