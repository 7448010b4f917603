package dev.omniarchitect.cache.dynamodb;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hit and miss counts per provider, kept as items {@code stats#<provider>} of the cache table and
 * raised with atomic ADD updates, so every function instance counts into the same numbers. Counting is
 * best effort: a failed update never fails the lookup it counts, and callers run it beside their own
 * work rather than before it.
 */
final class LookupCounters {

    static final String KEY_PREFIX = "stats#";
    static final String HITS = "hits";
    static final String MISSES = "misses";

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    LookupCounters(DynamoDbAsyncClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Whether that table key is a counter item rather than a cache entry. */
    static boolean isCounter(String key) {
        return key.startsWith(KEY_PREFIX);
    }

    /** Adds one to the provider's hits or misses; completes normally whatever happens. */
    CompletableFuture<Void> count(String provider, boolean hit) {
        return dynamo.updateItem(request -> request.tableName(table)
                        .key(Map.of(DynamoDbCacheStore.KEY, AttributeValue.fromS(KEY_PREFIX + provider)))
                        .updateExpression("ADD #counter :one")
                        .expressionAttributeNames(Map.of("#counter", hit ? HITS : MISSES))
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))
                .handle((response, error) -> null);
    }
}
