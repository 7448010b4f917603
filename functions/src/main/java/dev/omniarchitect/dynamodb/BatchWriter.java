package dev.omniarchitect.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes any number of puts and deletes to one table in BatchWriteItem calls of 25, {@link #IN_FLIGHT} at once,
 * retrying what DynamoDB leaves unprocessed with a bounded, non-blocking backoff.
 */
public final class BatchWriter {

    private static final int BATCH_WRITE_LIMIT = 25;
    /** BatchWriteItem calls in flight at most, per writeAll. */
    static final int IN_FLIGHT = 8;

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    public BatchWriter(DynamoDbAsyncClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A request that puts that item. */
    public static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    /** A request that deletes the item of that key. */
    public static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }

    /**
     * Completes once every request is written; fails with STORAGE_UNAVAILABLE if some stay unprocessed. At most
     * {@link #IN_FLIGHT} calls at once: a 10,000-item job is 400 calls, which all at once would wait in the HTTP
     * client's queue past their attempt timeout (DynamoDB Local writes one request at a time).
     */
    public CompletableFuture<Void> writeAll(List<WriteRequest> writes) {
        List<List<WriteRequest>> batches = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            batches.add(writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
        }
        AtomicInteger next = new AtomicInteger();
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < Math.min(IN_FLIGHT, batches.size()); lane++) {
            lanes.add(lane(batches, next));
        }
        return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new));
    }

    /** Writes the next batch not yet taken, then the next, until none is left. */
    private CompletableFuture<Void> lane(List<List<WriteRequest>> batches, AtomicInteger next) {
        int index = next.getAndIncrement();
        if (index >= batches.size()) {
            return CompletableFuture.completedFuture(null);
        }
        return write(batches.get(index), 0).thenCompose(written -> lane(batches, next));
    }

    private CompletableFuture<Void> write(List<WriteRequest> writes, int attempt) {
        return dynamo.batchWriteItem(request -> request.requestItems(Map.of(table, writes)))
                .thenCompose((BatchWriteItemResponse response) -> {
                    List<WriteRequest> left = response.unprocessedItems().getOrDefault(table, List.of());
                    if (left.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return UnprocessedRetry.after(attempt, left.size(), "writes to " + table,
                            () -> write(left, attempt + 1));
                });
    }
}
