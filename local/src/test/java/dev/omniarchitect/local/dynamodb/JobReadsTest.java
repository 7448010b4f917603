package dev.omniarchitect.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.batch.ItemSettings;
import dev.omniarchitect.job.ItemError;
import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.job.ItemRequests;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.Job;
import dev.omniarchitect.job.JobAggregator;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.job.MapItemOutcome;
import dev.omniarchitect.job.Owner;
import dev.omniarchitect.job.dynamodb.DynamoDbJobStore;
import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.runtime.EngineJobStore;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.Usage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How few reads a job costs, against DynamoDB Local: item requests read a job at a time (none at all in the
 * engine that stored the job), and an aggregation that sums the Map's outcomes instead of reading every
 * result back.
 */
class JobReadsTest extends DynamoDbLocalTestBase {

    private static final ItemSettings SETTINGS = new ItemSettings("openai", "gpt-4o-mini", 0.2, 4096, 120,
            CacheMode.USE, 3600, 3, List.of());

    private final Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private CountingJobStore jobs;
    private JobAggregator aggregator;

    @BeforeEach
    void freshStore() {
        jobs = new CountingJobStore(new DynamoDbJobStore(aws.dynamoDb(), freshTables()[1], Duration.ofDays(1),
                Json.mapper(), new CompressedJson(Json.mapper()), Clock.systemUTC()));
        aggregator = new JobAggregator(jobs, new StructuredLog(new PrintStream(OutputStream.nullOutputStream()),
                Json.mapper(), Clock.systemUTC()), Clock.systemUTC());
    }

    @Test
    void aJobsRequestsAreReadInOneQueryThoughItsItemsAskAtOnce() {
        List<BatchItem> items = store("job-a", 12, 100);
        ItemRequests requests = new ItemRequests(jobs);

        List<CompletableFuture<BatchItem>> loads = new ArrayList<>();
        for (BatchItem item : items) {
            loads.add(requests.load("job-a", item.id()));
        }

        assertEquals(items, loads.stream().map(CompletableFuture::join).toList());
        assertEquals(1, jobs.calls("loadItems"));
        assertEquals(0, jobs.calls("loadItem"));
        assertEquals(items.get(3), requests.load("job-a", "i3").join());
        assertEquals(1, jobs.calls("loadItems"), "kept: no second read");
    }

    @Test
    void aJobTooLargeToKeepIsReadItemByItemAfterItsFirstRead() {
        List<BatchItem> items = store("job-big", 5, 1_000);
        ItemRequests requests = new ItemRequests(jobs, ItemRequests.MAX_JOBS, 2_000);

        for (BatchItem item : items) {
            assertEquals(item, requests.load("job-big", item.id()).join());
        }

        assertEquals(1, jobs.calls("loadItems"), "known to be too large after the first read");
        assertEquals(4, jobs.calls("loadItem"), "the first item took its request from the query");
    }

    @Test
    void itemsWaitingOnTheReadOfAJobTooLargeToKeepTakeTheirsFromIt() {
        List<BatchItem> items = store("job-big-at-once", 5, 1_000);
        ItemRequests requests = new ItemRequests(jobs, ItemRequests.MAX_JOBS, 2_000);

        List<CompletableFuture<BatchItem>> loads = items.stream()
                .map(item -> requests.load("job-big-at-once", item.id())).toList();

        assertEquals(items, loads.stream().map(CompletableFuture::join).toList());
        assertEquals(1, jobs.calls("loadItems"));
        assertEquals(0, jobs.calls("loadItem"), "all five were waiting on the one read");
        assertEquals(items.get(0), requests.load("job-big-at-once", "i0").join());
        assertEquals(1, jobs.calls("loadItem"), "not kept: a later item is read alone");
    }

    @Test
    void onlyTheMostRecentJobsAreKept() {
        ItemRequests requests = new ItemRequests(jobs, 2, ItemRequests.MAX_JOB_CHARS);
        List<String> jobIds = List.of("job-1", "job-2", "job-3");
        jobIds.forEach(job -> store(job, 2, 10));
        jobIds.forEach(job -> requests.load(job, "i0").join());
        requests.load("job-3", "i1").join();
        requests.load("job-2", "i1").join();
        assertEquals(3, jobs.calls("loadItems"));

        requests.load("job-1", "i1").join();
        assertEquals(4, jobs.calls("loadItems"), "job-1 was the least recently used, and dropped");
    }

    @Test
    void anItemWithNoStoredRequestFailsAndItsJobIsNotKept() {
        ItemRequests requests = new ItemRequests(jobs);

        CompletionException missing = assertThrows(CompletionException.class,
                () -> requests.load("no-such-job", "i0").join());

        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, ((ProviderException) missing.getCause()).code());
        store("no-such-job", 1, 10);
        assertEquals("i0", requests.load("no-such-job", "i0").join().id(), "an empty read was not kept");
    }

    @Test
    void anEngineRunsTheItemsOfAJobItStoredWithoutReadingTheirRequests() {
        EngineJobStore engine = new EngineJobStore(jobs);
        List<BatchItem> items = items(12, 100);
        engine.create("job-e", new BatchDocument(items), Owner.LOCAL, created).join();
        jobs.reset();
        ItemRequests requests = new ItemRequests(engine);

        assertEquals(items, items.stream().map(item -> requests.load("job-e", item.id()).join()).toList());
        assertEquals(items.get(5), engine.loadItem("job-e", "i5").join());

        assertEquals(0, jobs.calls("loadItems") + jobs.calls("loadItem"), "nothing read from the store");
        assertEquals(items, jobs.loadItems("job-e").join().stream()
                .sorted(Comparator.comparingInt(item -> Integer.parseInt(item.id().substring(1)))).toList(),
                "stored all the same, as the store reads them back");
        CompletionException unknown = assertThrows(CompletionException.class,
                () -> engine.loadItem("job-e", "i99").join());
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, ((ProviderException) unknown.getCause()).code());
    }

    @Test
    void anEngineReadsFromTheStoreWhatItDidNotStoreItselfOrNoLongerKeeps() {
        EngineJobStore engine = new EngineJobStore(jobs, 2, 2_000);
        List<BatchItem> earlier = store("job-earlier-engine", 3, 10);
        assertEquals(earlier.size(), engine.loadItems("job-earlier-engine").join().size());
        assertEquals(1, jobs.calls("loadItems"), "a job an earlier engine stored");

        for (String job : List.of("job-1", "job-2", "job-3")) {
            engine.create(job, new BatchDocument(items(2, 10)), Owner.LOCAL, created).join();
        }
        engine.create("job-big", new BatchDocument(items(5, 1_000)), Owner.LOCAL, created).join();
        jobs.reset();
        engine.loadItems("job-3").join();
        engine.loadItems("job-2").join();
        assertEquals(0, jobs.calls("loadItems"), "kept");
        assertEquals(2, engine.loadItems("job-1").join().size());
        assertEquals(1, jobs.calls("loadItems"), "dropped: only the two most recent jobs are kept");
        assertEquals(5, engine.loadItems("job-big").join().size());
        assertEquals(2, jobs.calls("loadItems"), "too large to keep");

        engine.delete("job-3").join();
        assertTrue(engine.loadItems("job-3").join().isEmpty(), "a deleted job is forgotten with its records");
        assertEquals(3, jobs.calls("loadItems"));
    }

    @Test
    void aJobAnEngineCouldNotStoreIsNotKept() {
        EngineJobStore engine = new EngineJobStore(new DynamoDbJobStore(aws.dynamoDb(), "no-such-table",
                Duration.ofDays(1), Json.mapper(), new CompressedJson(Json.mapper()), Clock.systemUTC()));

        assertThrows(CompletionException.class,
                () -> engine.create("job-unstored", new BatchDocument(items(2, 10)), Owner.LOCAL, created).join());

        assertThrows(CompletionException.class, () -> engine.loadItems("job-unstored").join(),
                "asked of the store, which has no such table");
    }

    @Test
    void theSummaryIsAddedUpFromTheOutcomesWithoutReadingResultsBack() {
        store("job-sum", 3, 10);
        List<MapItemOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ItemResult result = result("i" + i, i == 2, 1_000L * (i + 1));
            jobs.saveResult("job-sum", result).join();
            outcomes.add(MapItemOutcome.of(ItemOutcome.of(result, jobs.contentRef("job-sum", result.id()))));
        }
        jobs.reset();

        Job job = aggregator.aggregate("job-sum", List.of("i0", "i1", "i2"), outcomes, created).join();

        assertEquals(0, jobs.calls("loadResults") + jobs.calls("loadResult"), "no result read back");
        assertEquals(0, jobs.calls("loadJob"), "the finishing update returns the header");
        assertEquals(1, jobs.calls("finish"));
        assertEquals(created, job.createdAt());
        assertEquals(List.of("i0", "i1", "i2"), job.itemIds());
        assertEquals(JobStatus.SUCCEEDED, job.status());
        assertEquals(3, job.summary().total());
        assertEquals(1, job.summary().cacheHits());
        assertEquals(3_000, job.summary().inputTokens(), "the hit's tokens were not spent by this job");
        assertEquals(0.002, job.summary().costUsd());
        assertEquals(0.003, job.summary().costSavedUsd());
        assertEquals(job.summary(), jobs.loadJob("job-sum").join().orElseThrow().summary(), "stored with the header");
    }

    @Test
    void anItemWithoutAStoredOutcomeIsLookedUpAndGivenAFailureWhenItHasNoResult() {
        store("job-gaps", 4, 10);
        ItemResult storedByAnEarlierAttempt = result("i1", false, 500);
        jobs.saveResult("job-gaps", storedByAnEarlierAttempt).join();
        ItemResult stored = result("i0", false, 700);
        jobs.saveResult("job-gaps", stored).join();
        List<MapItemOutcome> outcomes = List.of(
                MapItemOutcome.of(ItemOutcome.of(stored, jobs.contentRef("job-gaps", "i0"))),
                MapItemOutcome.failed("i1", "Lambda.Unknown"),
                MapItemOutcome.failed("i2", "Lambda.Unknown"),
                MapItemOutcome.of(ItemOutcome.unstored("i3", 15_000,
                        new ItemError(ErrorCode.STORAGE_UNAVAILABLE, "the result could not be stored in time"))));
        jobs.reset();

        Job job = aggregator.aggregate("job-gaps", List.of("i0", "i1", "i2", "i3"), outcomes, created).join();

        assertEquals(3, jobs.calls("loadResult"), "only the items without a stored outcome");
        assertEquals(JobStatus.PARTIAL, job.status());
        assertEquals(2, job.summary().succeeded());
        assertEquals(2, job.summary().failed());
        List<ItemResult> results = jobs.loadResults("job-gaps").join();
        assertEquals(4, results.size(), "every item ends with a result");
        ItemResult crashed = results.stream().filter(r -> r.id().equals("i2")).findFirst().orElseThrow();
        assertEquals(ErrorCode.ITEM_EXECUTION_FAILED, crashed.error().code());
        assertTrue(crashed.error().message().contains("Lambda.Unknown"), crashed.error().message());
        ItemResult unstored = results.stream().filter(r -> r.id().equals("i3")).findFirst().orElseThrow();
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, unstored.error().code(), "the function's own error is kept");
        assertEquals(storedByAnEarlierAttempt,
                results.stream().filter(r -> r.id().equals("i1")).findFirst().orElseThrow());
    }

    @Test
    void aJobThatIsNotStoredCannotBeAggregatedAndGetsNoRecords() {
        ItemResult stored = result("i0", false, 10);
        for (List<MapItemOutcome> outcomes : List.of(
                List.of(MapItemOutcome.of(ItemOutcome.of(stored, "ref"))),
                List.of(MapItemOutcome.failed("i0", "Lambda.Unknown")))) {
            CompletionException missing = assertThrows(CompletionException.class,
                    () -> aggregator.aggregate("no-such-job", List.of("i0"), outcomes, created).join());
            assertEquals(ErrorCode.STORAGE_UNAVAILABLE, ((ProviderException) missing.getCause()).code());
            assertTrue(missing.getCause().getMessage().contains("no job no-such-job"), missing.getCause().getMessage());
        }
        assertEquals(0, jobs.calls("saveResult"), "no failure result written into a job that does not exist");
    }

    @Test
    void withoutItemIdsTheOutcomesNameTheItems() {
        store("job-ids", 2, 10);
        ItemResult first = result("i0", false, 10);
        ItemResult second = result("i1", false, 10);
        Job job = aggregator.aggregate("job-ids", null, List.of(
                MapItemOutcome.of(ItemOutcome.of(first, "ref")), MapItemOutcome.of(ItemOutcome.of(second, "ref"))),
                created).join();
        assertEquals(2, job.summary().total());
    }

    private List<BatchItem> store(String jobId, int count, int promptChars) {
        List<BatchItem> items = items(count, promptChars);
        jobs.create(jobId, new BatchDocument(items), Owner.LOCAL, created).join();
        jobs.reset();
        return items;
    }

    private static List<BatchItem> items(int count, int promptChars) {
        return IntStream.range(0, count).mapToObj(i -> new BatchItem("i" + i, "dockerfile",
                (i + "p").repeat(promptChars / 2), Json.mapper().createObjectNode().put("n", i), SETTINGS)).toList();
    }

    /** A stored result: 1,000 input tokens per second of duration, costing $0.001 per 1,000 tokens. */
    private static ItemResult result(String id, boolean cached, long durationMs) {
        Usage usage = new Usage(durationMs, 10);
        return new ItemResult(id, "dockerfile", ItemStatus.SUCCEEDED, cached, "openai", "gpt-4o-mini", List.of(),
                durationMs, usage, cached ? 0.0 : 0.001, cached ? 0.003 : null, List.of(), null);
    }
}
