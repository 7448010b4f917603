package dev.omniarchitect.dynamodb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads any number of items of one table by key in BatchGetItem calls of 100, all in parallel, strongly
 * consistent, retrying what DynamoDB leaves unprocessed as {@link BatchWriter} does.
 */
public final class BatchReader {

    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    public BatchReader(DynamoDbAsyncClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The items of those keys that exist, in no particular order. */
    public CompletableFuture<List<Map<String, AttributeValue>>> readAll(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            batches.add(read(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT)), found, 0));
        }
        return CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).thenApply(all -> List.copyOf(found));
    }

    private CompletableFuture<Void> read(List<Map<String, AttributeValue>> keys, List<Map<String, AttributeValue>> found,
                                         int attempt) {
        return dynamo.batchGetItem(request -> request.requestItems(Map.of(table,
                        KeysAndAttributes.builder().keys(keys).consistentRead(true).build())))
                .thenCompose(response -> {
                    found.addAll(response.responses().getOrDefault(table, List.of()));
                    KeysAndAttributes left = response.unprocessedKeys().get(table);
                    if (left == null || left.keys().isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return UnprocessedRetry.after(attempt, left.keys().size(), "reads from " + table,
                            () -> read(left.keys(), found, attempt + 1));
                });
    }
}
