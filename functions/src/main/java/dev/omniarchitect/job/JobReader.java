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

/**
 * Reads a job as users see it: the header with every stored result, status, progress and item states derived; or,
 * for a job too large for one response, a page of its items with the whole job's progress.
 */
public final class JobReader {

    /** The most items one record holds: a larger job is read, and sent, a page at a time. */
    public static final int MAX_PAGE_ITEMS = 1_000;

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

    /**
     * The record with the items from {@code from} (in document order) on, at most {@code limit} of them; the
     * whole record, read as {@link #read} does, when that page is every item. A page reads its own items' results
     * and a tally of the rest, so its cost does not grow with the job's results.
     */
    public CompletableFuture<Optional<JobRecord>> readPage(String jobId, int from, int limit) {
        return jobs.loadJob(jobId).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<JobRecord>empty());
            }
            Job job = found.get();
            List<String> ids = job.itemIds();
            List<String> pageIds = job.itemIds(from, limit);
            if (pageIds.size() == ids.size()) {
                return jobs.loadItemStates(jobId)
                        .thenApply(soFar -> Optional.of(withPace(assemble(job, soFar), clock.instant())));
            }
            return jobs.tallyItems(jobId).thenCombine(jobs.loadItemStates(jobId, pageIds), (tally, page) -> {
                JobStatus status = job.status().isFinal() ? job.status()
                        : tally.ended() == 0 && tally.calling() == 0 ? JobStatus.QUEUED : JobStatus.RUNNING;
                JobRecord record = assemble(job, pageIds, page, status, tally.ended());
                Instant now = clock.instant();
                return Optional.of(status.isFinal() ? record : ItemRate.of(tally.endedAt(), tally.ended(),
                                ids.size(), job.createdAt(), now)
                        .map(pace -> record.withProgress(new JobRecord.Progress(tally.ended(), ids.size(),
                                pace.itemsPerSecond(), pace.etaSeconds())))
                        .orElse(record));
            });
        });
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
        JobStatus status = job.status();
        if (!status.isFinal()) {
            status = soFar.results().isEmpty() && soFar.calling().isEmpty() ? JobStatus.QUEUED : JobStatus.RUNNING;
        }
        return assemble(job, job.itemIds(), soFar, status, -1);
    }

    /**
     * The record of those of the job's items (all of them, or a page), with that status, and {@code done} items
     * ended in the whole job (-1: those of {@code soFar}, which then holds every item).
     */
    private static JobRecord assemble(Job job, List<String> itemIds, ItemsSoFar soFar, JobStatus status, int done) {
        Map<String, ItemResult> byId = soFar.results().stream()
                .collect(Collectors.toMap(ItemResult::id, Function.identity(), (first, second) -> second));
        List<ItemResult> ordered = new ArrayList<>();
        List<ItemState> states = new ArrayList<>();
        for (String itemId : itemIds) {
            ItemResult result = byId.get(itemId);
            if (result != null) {
                ordered.add(result);
                states.add(ItemState.of(result));
            } else {
                states.add(pending(job, itemId, soFar.calling().get(itemId)));
            }
        }
        return new JobRecord(job.jobId(), status, job.createdAt(), job.finishedAt(),
                new JobRecord.Progress(done < 0 ? ordered.size() : done, job.itemIds().size()), job.summary(), ordered,
                job.owner(), states);
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
