package dev.omniarchitect.job;

import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Ends a job: every item gets a result (items whose function failed outright get one that says so),
 * the summary and final status are computed and stored with the header.
 *
 * <p>The summary is added up from the outcomes the Map state collected (its result files, or an older
 * execution's inline outcomes), which carry every figure it needs: reading ten thousand results back, files and
 * all, would cost the job's largest read for nothing. Only an item without a stored outcome is looked up, as a
 * retried function may have stored it after all. The item ids come from the header (or an older execution's
 * input); the update that finishes the job returns the header it leaves.
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

    /**
     * Aggregates the job whose execution started at {@code executionStart}, over its items (in the order
     * of the document; when null, those its header lists); the finished header.
     */
    public CompletableFuture<Job> aggregate(String jobId, List<String> itemIds, List<MapItemOutcome> outcomes,
                                            Instant executionStart) {
        if (itemIds == null) {
            // The header, read for its ids, also shows the job exists.
            return jobs.loadJob(jobId).thenCompose(job -> aggregate(jobId,
                    job.orElseThrow(() -> noJob(jobId)).itemIds(), outcomes, executionStart, true));
        }
        return aggregate(jobId, itemIds, outcomes, executionStart, false);
    }

    private CompletableFuture<Job> aggregate(String jobId, List<String> ids, List<MapItemOutcome> outcomes,
                                             Instant executionStart, boolean known) {
        Map<String, MapItemOutcome> byItem = outcomes.stream()
                .filter(outcome -> outcome.itemId() != null)
                .collect(Collectors.toMap(MapItemOutcome::itemId, Function.identity(), (first, second) -> second,
                        LinkedHashMap::new));
        // Failure results are only written into a job that exists: the rare path pays for reading its header,
        // unless it was read already.
        CompletableFuture<Void> exists = known
                || ids.stream().allMatch(id -> byItem.containsKey(id) && byItem.get(id).stored())
                ? CompletableFuture.completedFuture(null)
                : jobs.loadJob(jobId).thenAccept(job -> job.orElseThrow(() -> noJob(jobId)));
        List<CompletableFuture<ItemOutcome>> items = new ArrayList<>();
        for (String itemId : ids) {
            MapItemOutcome outcome = byItem.get(itemId);
            items.add(outcome != null && outcome.stored()
                    ? CompletableFuture.completedFuture(outcome.outcome())
                    : exists.thenCompose(job -> unreported(jobId, itemId, outcome)));
        }
        return CompletableFuture.allOf(items.toArray(CompletableFuture[]::new)).thenCompose(all -> {
            Instant finishedAt = clock.instant();
            JobSummary summary = JobSummary.of(items.stream().map(CompletableFuture::join).toList(),
                    Duration.between(executionStart, finishedAt).toMillis());
            return jobs.finish(jobId, summary.status(), summary, finishedAt);
        }).thenApply(job -> {
            JobSummary summary = job.summary();
            log.info("job.finished", Map.of("jobId", jobId, "status", job.status().name(),
                    "total", summary.total(), "failed", summary.failed(), "cacheHits", summary.cacheHits(),
                    "wallMs", summary.wallMs()));
            return job;
        });
    }

    private static ProviderException noJob(String jobId) {
        return new ProviderException(ErrorCode.STORAGE_UNAVAILABLE, "no job " + jobId + " in the jobs table");
    }

    /** An item the Map has no stored outcome for: its result if one was stored regardless, else a failure. */
    private CompletableFuture<ItemOutcome> unreported(String jobId, String itemId, MapItemOutcome outcome) {
        return jobs.loadResult(jobId, itemId).thenCompose(stored -> {
            if (stored.isPresent()) {
                return CompletableFuture.completedFuture(ItemOutcome.of(stored.get(), jobs.contentRef(jobId, itemId)));
            }
            ItemResult failure = failure(itemId, outcome);
            return jobs.saveResult(jobId, failure)
                    .thenApply(saved -> ItemOutcome.of(failure, jobs.contentRef(jobId, itemId)));
        });
    }

    /** The result of an item that has none: the function's own error when it returned one. */
    private static ItemResult failure(String itemId, MapItemOutcome outcome) {
        ItemOutcome returned = outcome == null ? null : outcome.outcome();
        ItemError error = returned != null && returned.error() != null ? returned.error()
                : new ItemError(ErrorCode.ITEM_EXECUTION_FAILED, outcome != null && outcome.executionError() != null
                        ? "ProviderCallFunction failed with " + outcome.executionError()
                                + " before it could store a result"
                        : "no result was stored for this item");
        return ItemResult.failedWithout(itemId, returned == null ? 0 : returned.durationMs(), error);
    }
}
