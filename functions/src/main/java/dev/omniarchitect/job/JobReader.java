package dev.omniarchitect.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a job as users see it: the header with every stored result, status and progress derived. */
public final class JobReader {

    private final JobStore jobs;

    public JobReader(JobStore jobs) {
        this.jobs = jobs;
    }

    /** The job record, or empty if there is no such job. */
    public CompletableFuture<Optional<JobRecord>> read(String jobId) {
        // Both reads at once: a job that does not exist costs a wasted empty query, every other one a round trip less.
        return jobs.loadJob(jobId).thenCombine(jobs.loadResults(jobId),
                (job, results) -> job.map(header -> assemble(header, results)));
    }

    /** The record of that header and those results, items in document order. */
    public static JobRecord assemble(Job job, List<ItemResult> results) {
        Map<String, ItemResult> byId = results.stream()
                .collect(Collectors.toMap(ItemResult::id, Function.identity(), (first, second) -> second));
        List<ItemResult> ordered = new ArrayList<>();
        for (String itemId : job.itemIds()) {
            ItemResult result = byId.get(itemId);
            if (result != null) {
                ordered.add(result);
            }
        }
        JobStatus status = job.status();
        if (!status.isFinal()) {
            status = ordered.isEmpty() ? JobStatus.QUEUED : JobStatus.RUNNING;
        }
        return new JobRecord(job.jobId(), status, job.createdAt(), job.finishedAt(),
                new JobRecord.Progress(ordered.size(), job.itemIds().size()), job.summary(), ordered, job.owner());
    }
}
