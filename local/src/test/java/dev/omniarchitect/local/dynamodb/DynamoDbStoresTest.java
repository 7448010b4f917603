package dev.omniarchitect.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.batch.ItemSettings;
import dev.omniarchitect.cache.CacheEntry;
import dev.omniarchitect.cache.dynamodb.DynamoDbCacheStore;
import dev.omniarchitect.job.ItemError;
import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemState;
import dev.omniarchitect.job.ItemsSoFar;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.Job;
import dev.omniarchitect.job.JobReader;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.job.JobSummary;
import dev.omniarchitect.job.Owner;
import dev.omniarchitect.job.dynamodb.DynamoDbJobStore;
import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.Usage;
import dev.omniarchitect.runtime.AwsClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The DynamoDB stores against DynamoDB Local over the async Netty client. */
class DynamoDbStoresTest {

    private static EmbeddedDynamoDb dynamoDb;
    private static AwsClients aws;
    private static DynamoDbCacheStore cache;
    private static DynamoDbJobStore jobs;

    @BeforeAll
    static void start() {
        dynamoDb = EmbeddedDynamoDb.inMemory();
        aws = AwsClients.forLocalDynamoDb(dynamoDb.endpoint());
        LocalTables.ensure(aws.dynamoDb(), "cache", "jobs");
        LocalTables.ensure(aws.dynamoDb(), "cache", "jobs");
        CompressedJson compressed = new CompressedJson(Json.mapper());
        cache = new DynamoDbCacheStore(aws.dynamoDb(), "cache", compressed);
        jobs = new DynamoDbJobStore(aws.dynamoDb(), "jobs", Duration.ofDays(30), Json.mapper(), compressed,
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        aws.close();
        dynamoDb.close();
    }

    @Test
    void anExpiredEntryIsAMissThoughDynamoDbStillHoldsIt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        cache.put(entry("a".repeat(64), now.minusSeconds(7200), now.minusSeconds(1))).join();

        assertTrue(cache.find("a".repeat(64), now).join().isEmpty());
        Map<String, AttributeValue> raw = aws.dynamoDb().getItem(request -> request.tableName("cache")
                .key(Map.of("cacheKey", AttributeValue.fromS("a".repeat(64))))).join().item();
        assertEquals(Long.toString(now.minusSeconds(1).getEpochSecond()), raw.get("expiresAt").n(),
                "the TTL attribute is epoch seconds");
    }

    @Test
    void aFreshEntryRoundTripsAndLargeContentIsStoredCompressed() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CacheEntry entry = entry("b".repeat(64), now, now.plusSeconds(3600));
        cache.put(entry).join();

        assertEquals(entry, cache.find("b".repeat(64), now).join().orElseThrow());
        Map<String, AttributeValue> raw = aws.dynamoDb().getItem(request -> request.tableName("cache")
                .key(Map.of("cacheKey", AttributeValue.fromS("b".repeat(64))))).join().item();
        int stored = raw.get("files").b().asByteArray().length;
        assertTrue(stored < 100_000, "600 KB of text stored as " + stored + " bytes");
    }

    @Test
    void aJobsTableMadeBeforeTheOwnerIndexGetsItWithItsRecordsKeptAndStillTakesWrites() {
        aws.dynamoDb().createTable(request -> request.tableName("old-jobs")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(DynamoDbJobStore.PARTITION_KEY), attribute(DynamoDbJobStore.SORT_KEY))
                .keySchema(
                        key(DynamoDbJobStore.PARTITION_KEY, KeyType.HASH), key(DynamoDbJobStore.SORT_KEY, KeyType.RANGE)))
                .join();
        DynamoDbJobStore old = new DynamoDbJobStore(aws.dynamoDb(), "old-jobs", Duration.ofDays(30), Json.mapper(),
                new CompressedJson(Json.mapper()), Clock.systemUTC());
        ItemSettings settings = new ItemSettings("blueprint", "blueprint-v1", 0.2, 4096, 120, CacheMode.USE, 3600, 3,
                List.of());
        BatchDocument document = new BatchDocument(List.of(new BatchItem("a", "dockerfile", "p",
                Json.mapper().createObjectNode(), settings)));
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        old.create("20261126-120000-0000000a", document, Owner.of("jwt:ann"), created).join();
        // A job from before owners were recorded: its header has no owner.
        old.create("20261126-115959-0000000c", document, Owner.LOCAL, created.minusSeconds(1)).join();
        aws.dynamoDb().updateItem(request -> request.tableName("old-jobs")
                .key(Map.of(DynamoDbJobStore.PARTITION_KEY, AttributeValue.fromS("20261126-115959-0000000c"),
                        DynamoDbJobStore.SORT_KEY, AttributeValue.fromS("job")))
                .updateExpression("REMOVE #o").expressionAttributeNames(Map.of("#o", DynamoDbJobStore.OWNER))).join();

        LocalTables.ensure(aws.dynamoDb(), "cache", "old-jobs");

        assertEquals(List.of("20261126-115959-0000000c", "20261126-120000-0000000a"),
                old.unfinished().join().stream().map(Job::jobId).toList(),
                "both unfinished jobs are found in the index, the one without an owner as the local user's");
        assertEquals(List.of("20261126-115959-0000000c"),
                old.listJobs(Owner.LOCAL, 10, null).join().jobs().stream().map(Job::jobId).toList());

        assertEquals(List.of("20261126-120000-0000000a"), old.listJobs(Owner.of("jwt:ann"), 10, null).join().jobs()
                .stream().map(Job::jobId).toList());
        assertEquals(1, old.loadItems("20261126-120000-0000000a").join().size(), "the item records were kept");
        old.create("20261126-120001-0000000b", document, Owner.of("jwt:ann"), created.plusSeconds(1)).join();
        old.saveResult("20261126-120001-0000000b", ItemResult.failedWithout("a", 5, new ItemError(ErrorCode.PROVIDER_TIMEOUT, "late"))).join();
        assertEquals(List.of("20261126-120001-0000000b", "20261126-120000-0000000a"),
                old.listJobs(Owner.of("jwt:ann"), 10, null).join().jobs().stream().map(Job::jobId).toList());
        assertTrue(old.listJobs(Owner.of("jwt:bob"), 10, null).join().jobs().isEmpty());
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    @Test
    void aHundredItemJobIsStoredOneRecordPerItemAndReadBack() {
        ItemSettings settings = new ItemSettings("openai", "gpt-4o-mini", 0.2, 4096, 120, CacheMode.USE, 3600, 3, List.of());
        List<BatchItem> items = IntStream.range(0, 100).mapToObj(i -> new BatchItem("i" + i, "dockerfile",
                "p".repeat(16_000), Json.mapper().createObjectNode().put("n", i), settings)).toList();
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        jobs.create("20261126-120000-00000001", new BatchDocument(items), Owner.LOCAL, created).join();

        assertEquals(items.get(57), jobs.loadItem("20261126-120000-00000001", "i57").join());
        assertEquals(Set.copyOf(items), Set.copyOf(jobs.loadItems("20261126-120000-00000001").join()),
                "1.6 MB of requests: read over several pages");
        assertTrue(jobs.loadItems("20261126-120000-ffffffff").join().isEmpty());
        var job = jobs.loadJob("20261126-120000-00000001").join().orElseThrow();
        assertEquals(JobStatus.QUEUED, job.status());
        assertEquals(items.stream().map(BatchItem::id).toList(), job.itemIds());
        assertTrue(jobs.loadJob("20261126-120000-ffffffff").join().isEmpty());

        ItemResult result = new ItemResult("i3", "dockerfile", ItemStatus.SUCCEEDED, false, "openai", "gpt-4o-mini",
                List.of(), 42, new Usage(1, 2), 0.0, null, List.of(new GeneratedFile("Dockerfile", "FROM x")), null);
        jobs.saveResult("20261126-120000-00000001", result).join();
        assertEquals(List.of(result), jobs.loadResults("20261126-120000-00000001").join());

        JobSummary summary = JobSummary.of(List.of(ItemOutcome.of(result, null)), 100);
        jobs.finish("20261126-120000-00000001", JobStatus.SUCCEEDED, summary, created.plusSeconds(1)).join();
        var finished = jobs.loadJob("20261126-120000-00000001").join().orElseThrow();
        assertEquals(JobStatus.SUCCEEDED, finished.status());
        assertEquals(summary, finished.summary());
    }

    @Test
    void anItemCallingItsProviderIsReadAsCallingUntilItsResultReplacesTheMarkerWhichNeverHidesAResult() {
        ItemSettings settings = new ItemSettings("openai", "gpt-4o-mini", 0.2, 4096, 120, CacheMode.USE, 3600, 3, List.of());
        List<BatchItem> items = List.of("a", "b", "c").stream().map(id -> new BatchItem(id, "dockerfile", "p",
                Json.mapper().createObjectNode(), settings)).toList();
        String jobId = "20261126-130000-00000001";
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        jobs.create(jobId, new BatchDocument(items), Owner.LOCAL, created).join();
        JobReader reader = new JobReader(jobs, Clock.systemUTC());
        assertEquals(JobStatus.QUEUED, reader.read(jobId).join().orElseThrow().status());

        jobs.markCalling(jobId, "a", created.plusMillis(5)).join();
        ItemsSoFar soFar = jobs.loadItemStates(jobId).join();
        assertEquals(Map.of("a", created.plusMillis(5)), soFar.calling());
        assertTrue(soFar.results().isEmpty() && jobs.loadResults(jobId).join().isEmpty(), "a marker is no result");
        assertTrue(jobs.loadResult(jobId, "a").join().isEmpty());
        JobRecord running = reader.read(jobId).join().orElseThrow();
        assertEquals(JobStatus.RUNNING, running.status());
        assertEquals(0, running.progress().done());
        assertEquals(List.of(new ItemState("a", ItemState.Phase.CALLING, created.plusMillis(5)),
                new ItemState("b", ItemState.Phase.QUEUED, null), new ItemState("c", ItemState.Phase.QUEUED, null)),
                running.itemStates());

        ItemResult ended = new ItemResult("a", "dockerfile", ItemStatus.SUCCEEDED, false, "openai", "gpt-4o-mini",
                List.of(), 42, new Usage(1, 2), 0.0, null, List.of(new GeneratedFile("Dockerfile", "FROM x")), null)
                .startingAt(created.plusMillis(5));
        jobs.saveResult(jobId, ended).join();
        // A marker that lands after the result (written alongside the call, it may) leaves the result alone.
        jobs.markCalling(jobId, "a", created.plusMillis(9)).join();
        ItemResult cachedHit = new ItemResult("b", "dockerfile", ItemStatus.INVALID, true, "openai", "gpt-4o-mini",
                List.of(), 3, new Usage(1, 2), 0.0, null, List.of(new GeneratedFile("Dockerfile", "FROM x")), null);
        jobs.saveResult(jobId, cachedHit).join();
        soFar = jobs.loadItemStates(jobId).join();
        assertEquals(Map.of(), soFar.calling());
        assertEquals(Set.of(ended, cachedHit), Set.copyOf(soFar.results()));
        assertEquals(ended, jobs.loadResult(jobId, "a").join().orElseThrow());
        assertEquals(List.of(ItemState.Phase.SUCCEEDED, ItemState.Phase.CACHED, ItemState.Phase.QUEUED),
                reader.read(jobId).join().orElseThrow().itemStates().stream().map(ItemState::state).toList());

        jobs.markCalling(jobId, "c", created.plusMillis(20)).join();
        jobs.finish(jobId, JobStatus.FAILED, JobSummary.of(List.of(), 100), created.plusSeconds(1)).join();
        assertEquals(new ItemState("c", ItemState.Phase.FAILED, created.plusMillis(20)),
                reader.read(jobId).join().orElseThrow().itemStates().get(2),
                "a job that ended without the item's result failed it, whatever its marker says");
    }

    @Test
    void aJobOfMoreIdsThanOneRecordHoldsKeepsThemInOrderAndIsReadAPageAtATime() {
        ItemSettings settings = new ItemSettings("blueprint", "blueprint-v1", 0.2, 4096, 120, CacheMode.USE, 3600, 3,
                List.of());
        // 4,500 ids of 64 characters: 288 KB, beyond what one record should hold beside the header.
        List<BatchItem> items = IntStream.range(0, 4_500).mapToObj(i -> new BatchItem(
                String.format("%05d", i) + "-" + "x".repeat(58), "dockerfile", "p", Json.mapper().createObjectNode(),
                settings)).toList();
        List<String> ids = items.stream().map(BatchItem::id).toList();
        String jobId = "20261207-100000-0000fee7";
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        jobs.create(jobId, new BatchDocument(items), Owner.of("jwt:fleet"), created).join();

        Map<String, AttributeValue> header = aws.dynamoDb().getItem(request -> request.tableName("jobs")
                .key(Map.of(DynamoDbJobStore.PARTITION_KEY, AttributeValue.fromS(jobId),
                        DynamoDbJobStore.SORT_KEY, AttributeValue.fromS("job")))).join().item();
        assertTrue(!header.containsKey("itemIds"), "the header lists no id itself");
        assertEquals(ids, jobs.loadJob(jobId).join().orElseThrow().itemIds(), "every id, in document order");
        assertEquals(ids, jobs.listJobs(Owner.of("jwt:fleet"), 10, null).join().jobs().get(0).itemIds());

        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 2_990; i < 3_010; i++) {
            jobs.saveResult(jobId, new ItemResult(ids.get(i), "dockerfile", ItemStatus.SUCCEEDED, false, "blueprint",
                    "blueprint-v1", List.of(), 7, new Usage(0, 0), 0.0, null,
                    List.of(new GeneratedFile("Dockerfile", "FROM x")), null).startingAt(start)).join();
        }
        jobs.markCalling(jobId, ids.get(4_000), start).join();
        var tally = jobs.tallyItems(jobId).join();
        assertEquals(20, tally.ended());
        assertEquals(1, tally.calling());
        assertEquals(20, tally.endedAt().size());
        assertTrue(tally.endedAt().stream().allMatch(start.plusMillis(7)::equals), tally.endedAt().toString());

        // A page straddling the ended items reads those records only, by key.
        ItemsSoFar page = jobs.loadItemStates(jobId, ids.subList(2_900, 3_000)).join();
        assertEquals(ids.subList(2_990, 3_000), page.results().stream().map(ItemResult::id).sorted().toList());
        JobRecord record = new JobReader(jobs, Clock.systemUTC()).readPage(jobId, 2_900, 200).join().orElseThrow();
        assertEquals(JobStatus.RUNNING, record.status());
        assertEquals(new JobRecord.Progress(20, 4_500).done(), record.progress().done());
        assertEquals(4_500, record.progress().total());
        assertEquals(ids.subList(2_900, 3_100), record.itemStates().stream().map(ItemState::id).toList());
        assertEquals(ids.subList(2_990, 3_010), record.items().stream().map(ItemResult::id).toList());
        assertEquals(ItemState.Phase.QUEUED, record.itemStates().get(0).state());
    }

    private static CacheEntry entry(String key, Instant created, Instant expires) {
        String big = IntStream.range(0, 12_000).mapToObj(i -> "  - name: container-" + i + "\n")
                .collect(Collectors.joining());
        return new CacheEntry(key, "openai", "gpt-4o-mini", "kubernetes",
                List.of(new GeneratedFile("deployment.yaml", big), new GeneratedFile("service.yaml", "kind: Service\n")),
                new Usage(100, 2000), created, expires);
    }
}
