package dev.omniarchitect.job;

import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Ends a job whose execution ended without aggregating it (failed, timed out, aborted, or its aggregation
 * failed): items with a result keep it, every other item gets a failure result, and the job is stored
 * FAILED with the reason. Idempotent: a job that has already ended is left as it is, so the state
 * machine's Catch and the EventBridge rule on the same execution may both call it.
 */
public final class JobReconciler {

    private final JobStore jobs;
    private final StructuredLog log;
    private final Clock clock;

    public JobReconciler(JobStore jobs, StructuredLog log, Clock clock) {
        this.jobs = jobs;
        this.log = log;
        this.clock = clock;
    }

    /** Marks the job FAILED for that ending of its execution; the header as it stands, empty if there is no job. */
    public CompletableFuture<Optional<Job>> reconcile(String jobId, ExecutionEnding ending) {
        return jobs.loadJob(jobId).thenCompose(found -> {
            if (found.isEmpty()) {
                log.warn("job.reconcile_unknown", Map.of("jobId", jobId, "executionStatus", ending.status().name()));
                return CompletableFuture.completedFuture(Optional.<Job>empty());
            }
            Job job = found.get();
            if (job.status().isFinal()) {
                log.info("job.reconcile_skipped", Map.of("jobId", jobId, "status", job.status().name(),
                        "executionStatus", ending.status().name()));
                return CompletableFuture.completedFuture(found);
            }
            return jobs.loadResults(jobId).thenCompose(results -> fail(job, results, ending)).thenApply(Optional::of);
        });
    }

    private CompletableFuture<Job> fail(Job job, List<ItemResult> stored, ExecutionEnding ending) {
        Map<String, ItemResult> byId = stored.stream()
                .collect(Collectors.toMap(ItemResult::id, Function.identity(), (first, second) -> second));
        List<CompletableFuture<ItemOutcome>> outcomes = new ArrayList<>();
        for (String itemId : job.itemIds()) {
            ItemResult result = byId.get(itemId);
            if (result != null) {
                outcomes.add(CompletableFuture.completedFuture(ItemOutcome.of(result, jobs.contentRef(job.jobId(),
                        itemId))));
            } else {
                ItemResult failure = ItemResult.failedWithout(itemId, 0, new ItemError(ErrorCode.ITEM_EXECUTION_FAILED,
                        "the job's execution " + ending.endedHow() + " before this item had a result"));
                outcomes.add(jobs.saveResult(job.jobId(), failure)
                        .thenApply(saved -> ItemOutcome.of(failure, jobs.contentRef(job.jobId(), itemId))));
            }
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenCompose(all -> {
            Instant now = clock.instant();
            JobFailure why = ending.failure();
            JobSummary summary = JobSummary.of(outcomes.stream().map(CompletableFuture::join).toList(),
                    Duration.between(job.createdAt(), now).toMillis()).failedBy(why);
            return jobs.finish(job.jobId(), JobStatus.FAILED, summary, now);
        }).thenApply(finished -> {
            log.warn("job.reconciled", Map.of("jobId", finished.jobId(), "executionStatus", ending.status().name(),
                    "error", ending.error(), "total", finished.summary().total(),
                    "failed", finished.summary().failed()));
            return finished;
        });
    }
}
