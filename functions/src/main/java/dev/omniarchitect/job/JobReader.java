package dev.omniarchitect.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a job as users see it: the header with every stored result, status, progress and item states derived. */
public final class JobReader {

    private final JobStore jobs;
    private final Clock clock;

    public JobReader(JobStore jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** The job record, or empty if there is no such job; while it runs, with its pace. */
    public CompletableFuture<Optional<JobRecord>> read(String jobId) {
        // Both reads at once: a job that does not exist costs a wasted empty query, every other one a round trip less.
        return jobs.loadJob(jobId).thenCombine(jobs.loadItemStates(jobId),
                (job, soFar) -> job.map(header -> withPace(assemble(header, soFar), clock.instant())));
    }

    /** A running job's record with its pace as of {@code now} (see {@link ItemRate}); any other as it is. */
    static JobRecord withPace(JobRecord record, Instant now) {
        if (record.status().isFinal() || record.items().isEmpty()) {
            return record;
        }
        List<Instant> endedAt = record.items().stream().filter(item -> item.startedAt() != null)
                .map(item -> item.startedAt().plusMillis(item.durationMs())).toList();
        return ItemRate.of(endedAt, record.progress().done(), record.progress().total(), record.createdAt(), now)
                .map(pace -> record.withProgress(new JobRecord.Progress(record.progress().done(),
                        record.progress().total(), pace.itemsPerSecond(), pace.etaSeconds())))
                .orElse(record);
    }

    /** The record of that header and those results (no item known to be calling), items in document order. */
    public static JobRecord assemble(Job job, List<ItemResult> results) {
        return assemble(job, new ItemsSoFar(results, Map.of()));
    }

    /** The record of that header and what the store holds of its items, items in document order. */
    public static JobRecord assemble(Job job, ItemsSoFar soFar) {
        Map<String, ItemResult> byId = soFar.results().stream()
                .collect(Collectors.toMap(ItemResult::id, Function.identity(), (first, second) -> second));
        List<ItemResult> ordered = new ArrayList<>();
        List<ItemState> states = new ArrayList<>();
        for (String itemId : job.itemIds()) {
            ItemResult result = byId.get(itemId);
            if (result != null) {
                ordered.add(result);
                states.add(ItemState.of(result));
            } else {
                states.add(pending(job, itemId, soFar.calling().get(itemId)));
            }
        }
        JobStatus status = job.status();
        if (!status.isFinal()) {
            status = ordered.isEmpty() && soFar.calling().isEmpty() ? JobStatus.QUEUED : JobStatus.RUNNING;
        }
        return new JobRecord(job.jobId(), status, job.createdAt(), job.finishedAt(),
                new JobRecord.Progress(ordered.size(), job.itemIds().size()), job.summary(), ordered, job.owner(),
                states);
    }

    /** An item without a result: calling once its call began; a job that ended without it failed it. */
    private static ItemState pending(Job job, String itemId, Instant callStarted) {
        if (job.status().isFinal()) {
            return new ItemState(itemId, ItemState.Phase.FAILED, callStarted);
        }
        return callStarted == null ? new ItemState(itemId, ItemState.Phase.QUEUED, null)
                : new ItemState(itemId, ItemState.Phase.CALLING, callStarted);
    }
}
