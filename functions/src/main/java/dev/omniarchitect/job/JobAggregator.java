package dev.omniarchitect.job;

import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Ends a job: every item gets a result (items whose function failed outright get one that says so),
 * the summary and final status are computed and stored with the header.
 */
public final class JobAggregator {

    private final JobStore jobs;
    private final StructuredLog log;
    private final Clock clock;

    public JobAggregator(JobStore jobs, StructuredLog log, Clock clock) {
        this.jobs = jobs;
        this.log = log;
        this.clock = clock;
    }

    /** Aggregates the job whose execution started at {@code executionStart}. */
    public CompletableFuture<JobRecord> aggregate(String jobId, List<MapItemOutcome> outcomes, Instant executionStart) {
        Map<String, MapItemOutcome> byItem = outcomes.stream()
                .filter(outcome -> outcome.itemId() != null)
                .collect(Collectors.toMap(MapItemOutcome::itemId, Function.identity(), (first, second) -> second));
        return jobs.loadJob(jobId)
                .thenApply(job -> job.orElseThrow(() -> new ProviderException(ErrorCode.STORAGE_UNAVAILABLE,
                        "no job " + jobId + " in the jobs table")))
                .thenCompose(job -> jobs.loadResults(jobId).thenCompose(stored -> {
                    Map<String, ItemResult> byId = stored.stream()
                            .collect(Collectors.toMap(ItemResult::id, Function.identity(), (a, b) -> b));
                    List<ItemResult> results = new ArrayList<>();
                    List<CompletableFuture<Void>> writes = new ArrayList<>();
                    for (String itemId : job.itemIds()) {
                        ItemResult result = byId.get(itemId);
                        if (result == null) {
                            result = executionFailure(itemId, byItem.get(itemId));
                            writes.add(jobs.saveResult(jobId, result));
                        }
                        results.add(result);
                    }
                    Instant finishedAt = clock.instant();
                    JobSummary summary = JobSummary.of(results,
                            Duration.between(executionStart, finishedAt).toMillis());
                    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                            .thenCompose(written -> jobs.finish(jobId, summary.status(), summary, finishedAt))
                            .thenApply(finished -> {
                                log.info("job.finished", Map.of("jobId", jobId, "status", summary.status().name(),
                                        "total", summary.total(), "failed", summary.failed(),
                                        "cacheHits", summary.cacheHits(), "wallMs", summary.wallMs()));
                                return JobReader.assemble(new Job(jobId, summary.status(), job.createdAt(),
                                        finishedAt, job.itemIds(), summary), results);
                            });
                }));
    }

    private static ItemResult executionFailure(String itemId, MapItemOutcome outcome) {
        String message = outcome != null && outcome.executionError() != null
                ? "ProviderCallFunction failed with " + outcome.executionError() + " before it could store a result"
                : "no result was stored for this item";
        return new ItemResult(itemId, null, ItemStatus.FAILED, false, null, null, List.of(), 0, Usage.NONE, 0.0, null,
                List.of(), new ItemError(ErrorCode.ITEM_EXECUTION_FAILED, message));
    }
}
