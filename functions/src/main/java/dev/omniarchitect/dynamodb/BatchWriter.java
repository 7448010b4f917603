package dev.omniarchitect.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes any number of puts and deletes to one table in BatchWriteItem calls of 25, all in parallel,
 * retrying what DynamoDB leaves unprocessed with a bounded, non-blocking backoff.
 */
public final class BatchWriter {

    private static final int BATCH_WRITE_LIMIT = 25;

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

    /** Completes once every request is written; fails with STORAGE_UNAVAILABLE if some stay unprocessed. */
    public CompletableFuture<Void> writeAll(List<WriteRequest> writes) {
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            batches.add(write(writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)), 0));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new));
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
