package dev.omniarchitect.job.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.dynamodb.BatchReader;
import dev.omniarchitect.dynamodb.BatchWriter;
import dev.omniarchitect.dynamodb.StorageFailures;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemTally;
import dev.omniarchitect.job.ItemsSoFar;
import dev.omniarchitect.job.Job;
import dev.omniarchitect.job.JobPage;
import dev.omniarchitect.job.JobStatus;
import dev.omniarchitect.job.JobStore;
import dev.omniarchitect.job.JobSummary;
import dev.omniarchitect.job.Owner;
import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.ProviderException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Jobs in one DynamoDB table, one record per thing so no record nears 400 KB whatever the batch:
 * {@code (jobId, "job")} the header, {@code (jobId, "item#<id>")} each request,
 * {@code (jobId, "result#<id>")} each result with its files compressed (until the item ends, the same record
 * holds only {@code startedAt} once its provider call has begun). The header lists the item ids in document order;
 * a job of more than {@link #IDS_PER_RECORD} items lists them in records {@code (jobId, "ids#<n>")} of that many
 * each instead, as 10,000 ids of up to 64 characters would not fit in one record. Every record carries the TTL
 * attribute {@code expiresAt}.
 */
public final class DynamoDbJobStore implements JobStore {

    public static final String PARTITION_KEY = "jobId";
    public static final String SORT_KEY = "sk";
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /** The header attribute naming the job's owner. */
    public static final String OWNER = "owner";
    /** The header attribute holding when the job was submitted, an ISO-8601 instant (sorts as time does). */
    public static final String CREATED_AT = "createdAt";
    /**
     * The index of job headers by owner, newest last: only headers carry {@link #OWNER}, so it holds nothing
     * else and a page of one owner's jobs is one query.
     */
    public static final String BY_OWNER_INDEX = "byOwner";

    /** Item ids one record lists at most: 2,000 of 64 characters are 128 KB, a third of a record's 400 KB. */
    static final int IDS_PER_RECORD = 2_000;

    private static final Duration SCAN_PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final String HEADER = "job";
    private static final String ITEM_PREFIX = "item#";
    private static final String RESULT_PREFIX = "result#";
    private static final String IDS_PREFIX = "ids#";
    private static final String ITEM_IDS = "itemIds";
    /** The header attribute counting the records that list a large job's item ids. */
    private static final String ID_RECORDS = "idRecords";
    /** The attribute of a result record that holds the result; absent while the item is calling. */
    private static final String RESULT = "result";
    private static final String STARTED_AT = "startedAt";
    /** A result record's end, kept outside the compressed result for {@link #tallyItems}. */
    private static final String ENDED_AT = "endedAt";
    private static final String CALLING = "CALLING";
    private static final TypeReference<ItemResult> RESULT_TYPE = new TypeReference<>() {
    };

    private final DynamoDbAsyncClient dynamo;
    private final String table;
    private final Duration retention;
    private final ObjectMapper mapper;
    private final CompressedJson compressed;
    private final Clock clock;
    private final BatchWriter writer;
    private final BatchReader reader;

    public DynamoDbJobStore(DynamoDbAsyncClient dynamo, String table, Duration retention, ObjectMapper mapper,
                            CompressedJson compressed, Clock clock) {
        this.dynamo = dynamo;
        this.clock = clock;
        this.table = table;
        this.retention = retention;
        this.mapper = mapper;
        this.compressed = compressed;
        this.writer = new BatchWriter(dynamo, table);
        this.reader = new BatchReader(dynamo, table);
    }

    @Override
    public CompletableFuture<Void> create(String jobId, BatchDocument document, Owner owner, Instant createdAt) {
        AttributeValue expiresAt = expiry(createdAt);
        List<WriteRequest> writes = new ArrayList<>();
        for (BatchItem item : document.items()) {
            writes.add(BatchWriter.put(Map.of(
                    PARTITION_KEY, AttributeValue.fromS(jobId),
                    SORT_KEY, AttributeValue.fromS(ITEM_PREFIX + item.id()),
                    "request", AttributeValue.fromS(json(item)),
                    TTL_ATTRIBUTE, expiresAt)));
        }
        List<AttributeValue> ids = document.items().stream().map(item -> AttributeValue.fromS(item.id())).toList();
        Map<String, AttributeValue> header = new HashMap<>();
        header.put(PARTITION_KEY, AttributeValue.fromS(jobId));
        header.put(SORT_KEY, AttributeValue.fromS(HEADER));
        header.put("status", AttributeValue.fromS(JobStatus.QUEUED.name()));
        header.put(CREATED_AT, AttributeValue.fromS(createdAt.toString()));
        header.put(OWNER, AttributeValue.fromS(owner.id()));
        if (ids.size() <= IDS_PER_RECORD) {
            header.put(ITEM_IDS, AttributeValue.fromL(ids));
        } else {
            int records = (ids.size() + IDS_PER_RECORD - 1) / IDS_PER_RECORD;
            for (int record = 0; record < records; record++) {
                writes.add(BatchWriter.put(Map.of(
                        PARTITION_KEY, AttributeValue.fromS(jobId),
                        SORT_KEY, AttributeValue.fromS(idsKey(record)),
                        ITEM_IDS, AttributeValue.fromL(ids.subList(record * IDS_PER_RECORD,
                                Math.min(ids.size(), (record + 1) * IDS_PER_RECORD))),
                        TTL_ATTRIBUTE, expiresAt)));
            }
            header.put(ID_RECORDS, AttributeValue.fromN(Integer.toString(records)));
        }
        header.put(TTL_ATTRIBUTE, expiresAt);
        // The header goes last: a job is visible only once every request it names is stored.
        return writer.writeAll(writes)
                .thenCompose(stored -> dynamo.putItem(request -> request.tableName(table).item(header)))
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(StorageFailures.passingAsUnavailable(error,
                                "storing job " + jobId + " in " + table));
                    }
                    return null;
                });
    }

    @Override
    public CompletableFuture<BatchItem> loadItem(String jobId, String itemId) {
        return dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                        .key(key(jobId, ITEM_PREFIX + itemId)))
                .thenApply(response -> {
                    if (!response.hasItem() || response.item().isEmpty()) {
                        throw new ProviderException(ErrorCode.STORAGE_UNAVAILABLE,
                                "no stored request for item " + itemId + " of job " + jobId);
                    }
                    return read(response.item().get("request").s(), BatchItem.class);
                });
    }

    @Override
    public CompletableFuture<Void> saveResult(String jobId, ItemResult result) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                PARTITION_KEY, AttributeValue.fromS(jobId),
                SORT_KEY, AttributeValue.fromS(RESULT_PREFIX + result.id()),
                "status", AttributeValue.fromS(result.status().name()),
                RESULT, AttributeValue.fromB(SdkBytes.fromByteArray(compressed.encode(result))),
                TTL_ATTRIBUTE, expiry(now)));
        if (result.startedAt() != null) {
            // Beside the result, so a tally of a large job finds its pace without reading any result.
            item.put(ENDED_AT, AttributeValue.fromS(result.startedAt().plusMillis(result.durationMs()).toString()));
        }
        return dynamo.putItem(request -> request.tableName(table).item(item)).thenApply(response -> null);
    }

    @Override
    public CompletableFuture<List<BatchItem>> loadItems(String jobId) {
        return query(jobId, ITEM_PREFIX, item -> read(item.get("request").s(), BatchItem.class));
    }

    @Override
    public CompletableFuture<List<BatchItem>> loadItems(String jobId, List<String> itemIds) {
        return reader.readAll(itemIds.stream().map(itemId -> key(jobId, ITEM_PREFIX + itemId)).toList())
                .thenApply(records -> records.stream().map(item -> read(item.get("request").s(), BatchItem.class))
                        .toList());
    }

    @Override
    public CompletableFuture<Void> markCalling(String jobId, String itemId, Instant startedAt) {
        // A put under a condition: a result stored first (the item ended, or this write came late) is left as it
        // is, and what it replaces otherwise is an earlier attempt's marker, these same attributes. A put, not
        // an update: DynamoDB Local, one writer for the whole store, spends about three times as long on an
        // update, and every uncached item writes one. The result's own put replaces the record when the item ends.
        Map<String, AttributeValue> marker = Map.of(
                PARTITION_KEY, AttributeValue.fromS(jobId),
                SORT_KEY, AttributeValue.fromS(RESULT_PREFIX + itemId),
                "status", AttributeValue.fromS(CALLING),
                STARTED_AT, AttributeValue.fromS(startedAt.toString()),
                TTL_ATTRIBUTE, expiry(clock.instant()));
        return dynamo.putItem(request -> request.tableName(table).item(marker)
                        .conditionExpression("attribute_not_exists(#result)")
                        .expressionAttributeNames(Map.of("#result", RESULT)))
                .handle((response, error) -> {
                    if (error == null || HttpFailures.unwrap(error) instanceof ConditionalCheckFailedException) {
                        return null;
                    }
                    throw error instanceof CompletionException completion ? completion : new CompletionException(error);
                });
    }

    @Override
    public CompletableFuture<List<ItemResult>> loadResults(String jobId) {
        return loadItemStates(jobId).thenApply(ItemsSoFar::results);
    }

    @Override
    public CompletableFuture<ItemsSoFar> loadItemStates(String jobId) {
        return query(jobId, RESULT_PREFIX, Function.identity()).thenApply(this::states);
    }

    @Override
    public CompletableFuture<ItemsSoFar> loadItemStates(String jobId, List<String> itemIds) {
        return reader.readAll(itemIds.stream().map(itemId -> key(jobId, RESULT_PREFIX + itemId)).toList())
                .thenApply(this::states);
    }

    private ItemsSoFar states(List<Map<String, AttributeValue>> records) {
        List<ItemResult> results = new ArrayList<>();
        Map<String, Instant> calling = new HashMap<>();
        for (Map<String, AttributeValue> record : records) {
            AttributeValue result = record.get(RESULT);
            if (result != null) {
                results.add(compressed.decode(result.b().asByteArray(), RESULT_TYPE));
            } else if (record.containsKey(STARTED_AT)) {
                calling.put(record.get(SORT_KEY).s().substring(RESULT_PREFIX.length()),
                        Instant.parse(record.get(STARTED_AT).s()));
            }
        }
        return new ItemsSoFar(results, calling);
    }

    @Override
    public CompletableFuture<ItemTally> tallyItems(String jobId) {
        // Only the small attributes: DynamoDB still reads each record whole, but nothing of the results travels.
        AtomicInteger ended = new AtomicInteger();
        AtomicInteger calling = new AtomicInteger();
        List<Instant> endedAt = Collections.synchronizedList(new ArrayList<>());
        return dynamo.queryPaginator(request -> request.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :job AND begins_with(#sk, :prefix)")
                        .projectionExpression("#status, #endedAt")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY, "#status", "status",
                                "#endedAt", ENDED_AT))
                        .expressionAttributeValues(Map.of(":job", AttributeValue.fromS(jobId),
                                ":prefix", AttributeValue.fromS(RESULT_PREFIX))))
                .items()
                .subscribe(record -> {
                    if (CALLING.equals(record.get("status").s())) {
                        calling.incrementAndGet();
                        return;
                    }
                    ended.incrementAndGet();
                    AttributeValue at = record.get(ENDED_AT);
                    if (at != null) {
                        endedAt.add(Instant.parse(at.s()));
                    }
                })
                .thenApply(done -> new ItemTally(ended.get(), calling.get(), endedAt));
    }

    /** Every record of the job whose sort key starts so, read through every page and converted. */
    private <T> CompletableFuture<List<T>> query(String jobId, String prefix,
                                                 Function<Map<String, AttributeValue>, T> convert) {
        List<T> records = Collections.synchronizedList(new ArrayList<>());
        return dynamo.queryPaginator(request -> request.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :job AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
                        .expressionAttributeValues(Map.of(":job", AttributeValue.fromS(jobId),
                                ":prefix", AttributeValue.fromS(prefix))))
                .items()
                .subscribe(item -> records.add(convert.apply(item)))
                .thenApply(done -> List.copyOf(records));
    }

    @Override
    public CompletableFuture<Optional<ItemResult>> loadResult(String jobId, String itemId) {
        return dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                        .key(key(jobId, RESULT_PREFIX + itemId)))
                .thenApply(response -> response.hasItem() && response.item().containsKey(RESULT)
                        ? Optional.of(compressed.decode(response.item().get(RESULT).b().asByteArray(), RESULT_TYPE))
                        : Optional.empty());
    }

    @Override
    public CompletableFuture<Optional<Job>> loadJob(String jobId) {
        return dynamo.getItem(request -> request.tableName(table).consistentRead(true).key(key(jobId, HEADER)))
                .thenCompose(response -> response.hasItem() && !response.item().isEmpty()
                        ? job(jobId, response.item()).thenApply(Optional::of)
                        : CompletableFuture.completedFuture(Optional.empty()));
    }

    @Override
    public CompletableFuture<Job> finish(String jobId, JobStatus status, JobSummary summary, Instant finishedAt) {
        // One round trip: the update returns the header it leaves, and its condition finds a missing job.
        return dynamo.updateItem(request -> request.tableName(table).key(key(jobId, HEADER))
                        .conditionExpression("attribute_exists(#pk)")
                        .updateExpression("SET #status = :status, finishedAt = :finishedAt, summary = :summary")
                        .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#status", "status"))
                        .expressionAttributeValues(Map.of(
                                ":status", AttributeValue.fromS(status.name()),
                                ":finishedAt", AttributeValue.fromS(finishedAt.toString()),
                                ":summary", AttributeValue.fromS(json(summary))))
                        .returnValues(ReturnValue.ALL_NEW))
                .handle((response, error) -> {
                    if (error == null) {
                        return response.attributes();
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof ConditionalCheckFailedException) {
                        throw new ProviderException(ErrorCode.STORAGE_UNAVAILABLE,
                                "no job " + jobId + " in the jobs table");
                    }
                    throw error instanceof CompletionException completion ? completion : new CompletionException(error);
                })
                .thenCompose(header -> job(jobId, header));
    }

    @Override
    public CompletableFuture<JobPage> listJobs(Owner owner, int limit, String after) {
        CompletableFuture<Optional<Job>> start = after == null
                ? CompletableFuture.completedFuture(Optional.empty()) : loadJob(after);
        return start.thenCompose(previous -> {
            if (after != null && previous.filter(job -> job.owner().equals(owner)).isEmpty()) {
                // A cursor naming another owner's job, or none, starts no page: it must not reveal anything.
                return CompletableFuture.completedFuture(new JobPage(List.of(), null));
            }
            return dynamo.query(request -> {
                request.tableName(table).indexName(BY_OWNER_INDEX).scanIndexForward(false).limit(limit)
                        .keyConditionExpression("#owner = :owner")
                        .expressionAttributeNames(Map.of("#owner", OWNER))
                        .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner.id())));
                previous.ifPresent(job -> request.exclusiveStartKey(Map.of(
                        PARTITION_KEY, AttributeValue.fromS(job.jobId()),
                        SORT_KEY, AttributeValue.fromS(HEADER),
                        OWNER, AttributeValue.fromS(owner.id()),
                        CREATED_AT, AttributeValue.fromS(job.createdAt().toString()))));
            }).thenCompose(response -> {
                List<CompletableFuture<Job>> reads = response.items().stream()
                        .map(item -> job(item.get(PARTITION_KEY).s(), item)).toList();
                boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        && !reads.isEmpty();
                return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(all -> {
                    List<Job> jobs = reads.stream().map(CompletableFuture::join).toList();
                    return new JobPage(jobs, more ? jobs.get(jobs.size() - 1).jobId() : null);
                });
            });
        });
    }

    @Override
    public CompletableFuture<Void> delete(String jobId) {
        List<WriteRequest> rest = Collections.synchronizedList(new ArrayList<>());
        return dynamo.deleteItem(request -> request.tableName(table).key(key(jobId, HEADER)))
                .thenCompose(headerGone -> dynamo.queryPaginator(request -> request.tableName(table)
                                .consistentRead(true)
                                .keyConditionExpression("#pk = :job")
                                .projectionExpression("#pk, #sk")
                                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#sk", SORT_KEY))
                                .expressionAttributeValues(Map.of(":job", AttributeValue.fromS(jobId))))
                        .items()
                        .subscribe(item -> rest.add(BatchWriter.delete(item))))
                .thenCompose(listed -> writer.writeAll(List.copyOf(rest)));
    }

    @Override
    public CompletableFuture<List<Job>> unfinished() {
        List<CompletableFuture<Job>> found = Collections.synchronizedList(new ArrayList<>());
        // The owners' index holds each job's header alone (its items and results, the bulk of the table, carry
        // no owner), so this scan reads one entry a job. Read at start, on a machine that may be busy starting:
        // more time than a read.
        return dynamo.scanPaginator(request -> request.tableName(table).indexName(BY_OWNER_INDEX)
                        .overrideConfiguration(call -> call.apiCallAttemptTimeout(SCAN_PAGE_TIMEOUT)
                                .apiCallTimeout(SCAN_PAGE_TIMEOUT.multipliedBy(3)))
                        .filterExpression("#sk = :header AND #status = :queued")
                        .expressionAttributeNames(Map.of("#sk", SORT_KEY, "#status", "status"))
                        .expressionAttributeValues(Map.of(":header", AttributeValue.fromS(HEADER),
                                ":queued", AttributeValue.fromS(JobStatus.QUEUED.name()))))
                .items()
                .subscribe(item -> found.add(job(item.get(PARTITION_KEY).s(), item)))
                .thenCompose(done -> CompletableFuture.allOf(found.toArray(CompletableFuture[]::new))
                        .thenApply(all -> found.stream().map(CompletableFuture::join)
                                .sorted(Comparator.comparing(Job::createdAt)).toList()));
    }

    /**
     * A stored item as this store writes it now: a job's header from before owners were recorded gets the local
     * owner (reading it already assumes that one), which also puts it in the owners' index.
     */
    public static Map<String, AttributeValue> withOwner(Map<String, AttributeValue> item) {
        AttributeValue sortKey = item.get(SORT_KEY);
        if (sortKey == null || !HEADER.equals(sortKey.s()) || item.containsKey(OWNER)) {
            return item;
        }
        Map<String, AttributeValue> owned = new HashMap<>(item);
        owned.put(OWNER, AttributeValue.fromS(Owner.LOCAL.id()));
        return owned;
    }

    @Override
    public String contentRef(String jobId, String itemId) {
        return "dynamodb://" + table + "/" + jobId + "/" + RESULT_PREFIX + itemId;
    }

    /** The job of that header; its item ids read from their own records when it lists them there. */
    private CompletableFuture<Job> job(String jobId, Map<String, AttributeValue> item) {
        AttributeValue finishedAt = item.get("finishedAt");
        AttributeValue summary = item.get("summary");
        CompletableFuture<List<String>> itemIds = item.containsKey(ID_RECORDS)
                ? query(jobId, IDS_PREFIX, Function.identity()).thenApply(records -> records.stream()
                        .sorted(Comparator.comparing(record -> record.get(SORT_KEY).s()))
                        .flatMap(record -> record.get(ITEM_IDS).l().stream().map(AttributeValue::s))
                        .toList())
                : CompletableFuture.completedFuture(item.get(ITEM_IDS).l().stream().map(AttributeValue::s).toList());
        return itemIds.thenApply(ids -> new Job(jobId,
                JobStatus.valueOf(item.get("status").s()),
                Instant.parse(item.get(CREATED_AT).s()),
                finishedAt == null ? null : Instant.parse(finishedAt.s()),
                ids,
                summary == null ? null : read(summary.s(), JobSummary.class),
                // Jobs stored before owners were recorded belong to the local user.
                item.containsKey(OWNER) ? new Owner(item.get(OWNER).s()) : Owner.LOCAL));
    }

    /** The sort key of the record listing the ids from {@code record * IDS_PER_RECORD} on; sorts as it counts. */
    private static String idsKey(int record) {
        return IDS_PREFIX + String.format("%05d", record);
    }

    private AttributeValue expiry(Instant from) {
        return AttributeValue.fromN(Long.toString(from.plus(retention).getEpochSecond()));
    }

    private static Map<String, AttributeValue> key(String jobId, String sortKey) {
        return Map.of(PARTITION_KEY, AttributeValue.fromS(jobId), SORT_KEY, AttributeValue.fromS(sortKey));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
