package dev.omniarchitect.cache.dynamodb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hit and miss counts per provider, kept as items {@code stats#<provider>} of the cache table and
 * raised with atomic ADD updates, so every function instance counts into the same numbers. Counting is
 * best effort: a failed update never fails the lookup it counts.
 *
 * <p>A lookup that finds nothing does not know the provider the item will go to; that miss is held
 * here by key and counted for the provider whose answer is then written under that key (the same
 * instance does both, within one item). A miss whose provider call fails is therefore not counted.
 */
final class LookupCounters {

    static final String KEY_PREFIX = "stats#";
    static final String HITS = "hits";
    static final String MISSES = "misses";

    /** Bounds the misses awaiting their answer; an instance works at most a few items at a time. */
    private static final int MAX_PENDING = 10_000;

    private final DynamoDbAsyncClient dynamo;
    private final String table;
    private final Map<String, Boolean> pending = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_PENDING;
        }
    });

    LookupCounters(DynamoDbAsyncClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Whether that table key is a counter item rather than a cache entry. */
    static boolean isCounter(String key) {
        return key.startsWith(KEY_PREFIX);
    }

    CompletableFuture<Void> hit(String provider) {
        return add(provider, HITS);
    }

    CompletableFuture<Void> miss(String provider) {
        return add(provider, MISSES);
    }

    /** A lookup under that key found nothing; the miss is counted once its answer is written. */
    void missedUnattributed(String key) {
        pending.put(key, Boolean.TRUE);
    }

    /** An answer was written under that key: counts the miss that led to it, if there was one. */
    CompletableFuture<Void> answered(String key, String provider) {
        return pending.remove(key) != null ? miss(provider) : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> add(String provider, String counter) {
        return dynamo.updateItem(request -> request.tableName(table)
                        .key(Map.of(DynamoDbCacheStore.KEY, AttributeValue.fromS(KEY_PREFIX + provider)))
                        .updateExpression("ADD #counter :one")
                        .expressionAttributeNames(Map.of("#counter", counter))
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))
                .handle((response, error) -> null);
    }
}
