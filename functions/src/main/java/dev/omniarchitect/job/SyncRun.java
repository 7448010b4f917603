package dev.omniarchitect.job;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.Violation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a small batch inside the API call ({@code "mode": "sync"}): the job is stored like any other,
 * its items go through the same {@link ItemGenerator} as ProviderCallFunction's, at most
 * {@link #IN_FLIGHT} at a time, and the same {@link JobAggregator} ends it.
 *
 * <p>Items run in fixed lanes (item i in lane i mod 3, one after another within a lane) rather than
 * taking the next free slot, so the longest the call can take is known before it starts: the largest
 * sum of item deadlines over the lanes, which must fit under API Gateway's 29 s.
 */
public final class SyncRun {

    /** Items a sync call runs at most. */
    public static final int MAX_ITEMS = 5;
    /** Provider calls in flight at most, as the state machine's Map. */
    public static final int IN_FLIGHT = 3;
    /** The most the items' deadlines may add up to in one lane: API Gateway stops waiting at 29 s. */
    public static final int DEADLINE_SECONDS = 25;

    private final JobStore jobs;
    private final ItemGenerator generator;
    private final JobAggregator aggregator;
    private final Clock clock;

    public SyncRun(JobStore jobs, ItemGenerator generator, JobAggregator aggregator, Clock clock) {
        this.jobs = jobs;
        this.generator = generator;
        this.aggregator = aggregator;
        this.clock = clock;
    }

    /** What keeps this document from running inside the call; empty when it can. */
    public static List<Violation> check(BatchDocument document) {
        List<BatchItem> items = document.items();
        if (items.size() > MAX_ITEMS) {
            return List.of(new Violation("items", "mode sync runs at most " + MAX_ITEMS
                    + " items inside the call, got " + items.size()
                    + "; leave out \"mode\" (or set \"async\") to run them as a job and poll its statusUrl"));
        }
        List<Violation> violations = new ArrayList<>();
        List<List<Integer>> lanes = lanes(items.size());
        for (List<Integer> lane : lanes) {
            int seconds = lane.stream().mapToInt(i -> items.get(i).settings().timeoutSeconds()).sum();
            if (seconds <= DEADLINE_SECONDS) {
                continue;
            }
            String together = lane.size() == 1 ? ""
                    : " (items " + lane.stream().map(i -> "items[" + i + "]").toList()
                            + " run one after another, their deadlines add up to " + seconds + " s)";
            for (int i : lane) {
                violations.add(new Violation("items[" + i + "].options.timeoutSeconds", "is "
                        + items.get(i).settings().timeoutSeconds() + " s" + together + ": in mode sync every item"
                        + " must end within " + DEADLINE_SECONDS + " s of the call, as API Gateway stops waiting at"
                        + " 29 s; lower options.timeoutSeconds, or leave out \"mode\" to use the default"
                        + " asynchronous mode"));
            }
        }
        return violations;
    }

    /** Stores the document as that owner's job {@code jobId}, generates every item and returns the finished record. */
    public CompletableFuture<JobRecord> run(String jobId, BatchDocument document, Owner owner) {
        Instant started = clock.instant();
        List<String> itemIds = document.items().stream().map(BatchItem::id).toList();
        return jobs.create(jobId, document, owner, started).thenCompose(created -> {
            List<CompletableFuture<List<MapItemOutcome>>> running = new ArrayList<>();
            for (List<Integer> lane : lanes(itemIds.size())) {
                CompletableFuture<List<MapItemOutcome>> done = CompletableFuture.completedFuture(List.of());
                for (int i : lane) {
                    String itemId = itemIds.get(i);
                    done = done.thenCompose(before -> generator.generate(jobId, itemId).thenApply(outcome -> {
                        List<MapItemOutcome> after = new ArrayList<>(before);
                        after.add(MapItemOutcome.of(outcome));
                        return after;
                    }));
                }
                running.add(done);
            }
            return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                    .thenCompose(all -> aggregator.aggregate(jobId, itemIds,
                            running.stream().flatMap(lane -> lane.join().stream()).toList(), started))
                    .thenCompose(job -> jobs.loadResults(jobId).thenApply(results -> JobReader.assemble(job, results)));
        });
    }

    /** The item indexes of each lane. */
    private static List<List<Integer>> lanes(int items) {
        List<List<Integer>> lanes = new ArrayList<>();
        for (int lane = 0; lane < Math.min(IN_FLIGHT, items); lane++) {
            List<Integer> indexes = new ArrayList<>();
            for (int i = lane; i < items; i += IN_FLIGHT) {
                indexes.add(i);
            }
            lanes.add(indexes);
        }
        return lanes;
    }
}
