package dev.omniarchitect.job;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.Violation;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.HttpFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a small batch inside the API call ({@code "mode": "sync"}): the job is stored like any other,
 * its items run through an {@link ItemRunner} (deployed: ProviderCallFunction itself, so its reserved
 * concurrency caps sync calls too), at most {@link #IN_FLIGHT} at a time, and the same {@link JobAggregator}
 * ends it.
 *
 * <p>The call has a budget ({@link #BUDGET_SECONDS}, or less when the client asks so): an item's deadline
 * is the smaller of its own and the time left in the budget, so every item started ends within it. Items
 * start in document order while enough of the budget is left; those that cannot start in time are handed
 * over to an execution of the state machine, like an asynchronous job's, and so are those the provider-call
 * cap kept from running; the answer says which items are done and where to poll for the rest.
 */
public final class SyncRun {

    /** Items a sync call runs at most. */
    public static final int MAX_ITEMS = 5;
    /** Provider calls in flight at most, as the state machine's Map by default. */
    public static final int IN_FLIGHT = MaxConcurrency.DEFAULT;
    /** The call's budget for its items: API Gateway stops waiting at 29 s, the rest is for storing and answering. */
    public static final int BUDGET_SECONDS = 25;
    /** An item starts inside the call only with this much of the budget left (or its own deadline, if shorter). */
    static final Duration MIN_START = Duration.ofSeconds(5);

    private final JobStore jobs;
    private final ItemRunner runner;
    private final JobAggregator aggregator;
    private final JobSubmitter submitter;
    private final StructuredLog log;
    private final Clock clock;

    public SyncRun(JobStore jobs, ItemRunner runner, JobAggregator aggregator, JobSubmitter submitter,
                   StructuredLog log, Clock clock) {
        this.jobs = jobs;
        this.runner = runner;
        this.aggregator = aggregator;
        this.submitter = submitter;
        this.log = log;
        this.clock = clock;
    }

    /** What keeps this document from running inside the call; empty when it can. */
    public static List<Violation> check(BatchDocument document) {
        int items = document.items().size();
        if (items > MAX_ITEMS) {
            return List.of(new Violation("items", "mode sync runs at most " + MAX_ITEMS
                    + " items inside the call, got " + items
                    + "; leave out \"mode\" (or set \"async\") to run them as a job and poll its statusUrl"));
        }
        return List.of();
    }

    /**
     * Stores the document as that owner's job {@code jobId} and generates its items within {@code budget}: the finished
     * record, or, when some items had to be handed over, the record so far (QUEUED or RUNNING).
     */
    public CompletableFuture<JobRecord> run(String jobId, BatchDocument document, Owner owner, Duration budget) {
        Instant started = clock.instant();
        Instant end = started.plus(budget);
        List<BatchItem> items = document.items();
        List<String> itemIds = items.stream().map(BatchItem::id).toList();
        MapItemOutcome[] outcomes = new MapItemOutcome[items.size()];
        AtomicInteger next = new AtomicInteger();
        return jobs.create(jobId, document, owner, started).thenCompose(created -> {
            List<CompletableFuture<Void>> lanes = new ArrayList<>();
            for (int lane = 0; lane < Math.min(IN_FLIGHT, items.size()); lane++) {
                lanes.add(lane(jobId, items, outcomes, next, end));
            }
            return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new));
        }).thenCompose(all -> {
            List<MapItemOutcome> done = new ArrayList<>();
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (outcomes[i] != null) {
                    done.add(outcomes[i]);
                } else {
                    rest.add(itemIds.get(i));
                }
            }
            if (rest.isEmpty()) {
                return finish(jobId, itemIds, done, started);
            }
            return submitter.handOver(jobId, rest, itemIds.size())
                    .thenCompose(handedOver -> recordSoFar(jobId))
                    .exceptionallyCompose(error -> {
                        Throwable cause = HttpFailures.unwrap(error);
                        if (cause instanceof ExecutionRefusedException refused
                                && refused.reason() == ExecutionRefusedException.Reason.STOPPING) {
                            // A stopping local engine: the job stays unfinished, and its next start resumes it.
                            log.info("job.left_for_next_start", Map.of("jobId", jobId, "items", rest.size()));
                            return recordSoFar(jobId);
                        }
                        // Every job ends: items nobody will run end as failures with the rest aggregated.
                        log.error("job.hand_over_failed", Map.of("jobId", jobId,
                                "reason", cause.getClass().getSimpleName()));
                        return finish(jobId, itemIds, done, started);
                    });
        });
    }

    /** The job's record as stored now, its items ended so far included. */
    private CompletableFuture<JobRecord> recordSoFar(String jobId) {
        return jobs.loadJob(jobId).thenCombine(jobs.loadResults(jobId),
                (job, results) -> JobReader.assemble(job.orElseThrow(), results));
    }

    /** One lane: takes the next item while the budget leaves it time to start, one after another. */
    private CompletableFuture<Void> lane(String jobId, List<BatchItem> items, MapItemOutcome[] outcomes,
                                         AtomicInteger next, Instant end) {
        int i;
        synchronized (next) {
            i = next.get();
            if (i >= items.size() || !startable(items.get(i), end)) {
                return CompletableFuture.completedFuture(null);
            }
            next.incrementAndGet();
        }
        return runner.run(jobId, items.get(i).id(), end).thenCompose(outcome -> {
            // An item the provider-call cap kept from running now is handed over with the rest.
            outcome.ifPresent(done -> outcomes[i] = MapItemOutcome.of(done));
            return lane(jobId, items, outcomes, next, end);
        });
    }

    private boolean startable(BatchItem item, Instant end) {
        Duration left = Duration.between(clock.instant(), end);
        Duration own = Duration.ofSeconds(item.settings().timeoutSeconds());
        return left.compareTo(own.compareTo(MIN_START) < 0 ? own : MIN_START) >= 0;
    }

    private CompletableFuture<JobRecord> finish(String jobId, List<String> itemIds, List<MapItemOutcome> done,
                                                Instant started) {
        return aggregator.aggregate(jobId, itemIds, done, started)
                .thenCompose(job -> jobs.loadResults(jobId).thenApply(results -> JobReader.assemble(job, results)));
    }
}
