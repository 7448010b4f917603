package dev.omniarchitect.cache.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.cache.CacheCounts;
import dev.omniarchitect.cache.CacheEntry;
import dev.omniarchitect.cache.CacheFilter;
import dev.omniarchitect.cache.CacheStats;
import dev.omniarchitect.cache.CacheStorage;
import dev.omniarchitect.cache.CacheStore;
import dev.omniarchitect.cache.PurgeResult;
import dev.omniarchitect.dynamodb.BatchWriter;
import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.provider.Usage;
import dev.omniarchitect.validation.ValidationReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The answer cache in a DynamoDB table keyed by {@code cacheKey}, with the TTL attribute
 * {@code expiresAt} (epoch seconds) and the files stored compressed. The same table holds one counter
 * item per provider ({@code stats#<provider>}, no TTL) with its hits and misses.
 */
public final class DynamoDbCacheStore implements CacheStore {

    public static final String KEY = "cacheKey";
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private static final TypeReference<List<GeneratedFile>> FILES = new TypeReference<>() {
    };
    private static final TypeReference<ValidationReport> VALIDATION = new TypeReference<>() {
    };

    private final DynamoDbAsyncClient dynamo;
    private final String table;
    private final CompressedJson compressed;
    private final LookupCounters counters;
    private final BatchWriter writer;

    public DynamoDbCacheStore(DynamoDbAsyncClient dynamo, String table, CompressedJson compressed) {
        this.dynamo = dynamo;
        this.table = table;
        this.compressed = compressed;
        this.counters = new LookupCounters(dynamo, table);
        this.writer = new BatchWriter(dynamo, table);
    }

    @Override
    public CompletableFuture<Optional<CacheEntry>> find(String key, Instant now) {
        return dynamo.getItem(request -> request.tableName(table).key(Map.of(KEY, s(key))))
                .thenApply(response -> response.hasItem() && !response.item().isEmpty()
                        ? Optional.of(entry(response.item())).filter(entry -> entry.isFreshAt(now))
                        : Optional.empty());
    }

    @Override
    public CompletableFuture<Void> countLookup(String provider, boolean hit) {
        return counters.count(provider, hit);
    }

    @Override
    public CompletableFuture<Void> put(CacheEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                KEY, s(entry.key()),
                "provider", s(entry.provider()),
                "model", s(entry.model()),
                "kind", s(entry.kind()),
                "files", AttributeValue.fromB(SdkBytes.fromByteArray(compressed.encode(entry.files()))),
                "inputTokens", n(entry.usage().inputTokens()),
                "outputTokens", n(entry.usage().outputTokens()),
                "createdAt", s(entry.createdAt().toString()),
                TTL_ATTRIBUTE, n(entry.expiresAt().getEpochSecond())));
        // The validated result is cached with the files, so a hit returns the same findings.
        if (entry.validation() != null) {
            item.put("validation", AttributeValue.fromB(SdkBytes.fromByteArray(compressed.encode(entry.validation()))));
        }
        item.put("repaired", AttributeValue.fromBool(entry.repaired()));
        return dynamo.putItem(request -> request.tableName(table).item(item)).thenApply(written -> null);
    }

    @Override
    public CompletableFuture<CacheStats> stats(Instant now) {
        Map<String, long[]> byProvider = Collections.synchronizedMap(new HashMap<>());
        AtomicReference<CacheStorage> storage = new AtomicReference<>(CacheStorage.NONE);
        long nowSeconds = now.getEpochSecond();
        return dynamo.scanPaginator(request -> request.tableName(table)
                        .projectionExpression("#key, #provider, #expires, #hits, #misses, #files, #created")
                        .expressionAttributeNames(Map.of("#key", KEY, "#provider", "provider",
                                "#expires", TTL_ATTRIBUTE, "#hits", LookupCounters.HITS,
                                "#misses", LookupCounters.MISSES, "#files", "files", "#created", "createdAt")))
                .items()
                .subscribe(item -> {
                    String key = item.get(KEY).s();
                    boolean counter = LookupCounters.isCounter(key);
                    String provider = counter ? key.substring(LookupCounters.KEY_PREFIX.length())
                            : item.get("provider").s();
                    // fresh entries, expired entries, hits, misses
                    long[] counts = byProvider.computeIfAbsent(provider, name -> new long[4]);
                    synchronized (counts) {
                        if (counter) {
                            counts[2] += number(item.get(LookupCounters.HITS));
                            counts[3] += number(item.get(LookupCounters.MISSES));
                        } else if (number(item.get(TTL_ATTRIBUTE)) > nowSeconds) {
                            counts[0]++;
                            long size = item.get("files").b().asByteArray().length;
                            Instant created = Instant.parse(item.get("createdAt").s());
                            storage.updateAndGet(sum -> sum.plus(size, created));
                        } else {
                            counts[1]++;
                        }
                    }
                })
                .thenApply(done -> {
                    Map<String, CacheCounts> stats = new HashMap<>();
                    byProvider.forEach((provider, c) -> stats.put(provider, CacheCounts.of(c[0], c[1], c[2], c[3])));
                    return CacheStats.of(stats, storage.get());
                });
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return dynamo.deleteItem(request -> request.tableName(table).key(Map.of(KEY, s(key)))
                        .returnValues(ReturnValue.ALL_OLD))
                .thenApply(response -> response.hasAttributes() && !response.attributes().isEmpty());
    }

    @Override
    public CompletableFuture<PurgeResult> purge(CacheFilter filter, int limit) {
        // Only items with files are entries: the counter items survive every purge.
        List<String> conditions = new ArrayList<>(List.of("attribute_exists(#files)"));
        Map<String, String> names = new HashMap<>(Map.of("#key", KEY, "#files", "files"));
        Map<String, AttributeValue> values = new HashMap<>();
        matchIfSet(filter.provider(), "provider", conditions, names, values);
        matchIfSet(filter.model(), "model", conditions, names, values);
        matchIfSet(filter.kind(), "kind", conditions, names, values);
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        return dynamo.scanPaginator(request -> request.tableName(table)
                        .projectionExpression("#key")
                        .filterExpression(String.join(" AND ", conditions))
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values.isEmpty() ? null : values))
                .items()
                .limit(limit + 1)
                .subscribe(item -> keys.add(item.get(KEY).s()))
                .thenCompose(scanned -> {
                    List<String> doomed = keys.size() > limit ? keys.subList(0, limit) : keys;
                    List<WriteRequest> deletes = doomed.stream()
                            .map(key -> BatchWriter.delete(Map.of(KEY, s(key))))
                            .toList();
                    return writer.writeAll(deletes)
                            .thenApply(deleted -> new PurgeResult(deletes.size(), keys.size() <= limit));
                });
    }

    private static void matchIfSet(String value, String attribute, List<String> conditions, Map<String, String> names,
                                   Map<String, AttributeValue> values) {
        if (value != null) {
            conditions.add("#" + attribute + " = :" + attribute);
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, s(value));
        }
    }

    private CacheEntry entry(Map<String, AttributeValue> item) {
        return new CacheEntry(
                item.get(KEY).s(),
                item.get("provider").s(),
                item.get("model").s(),
                item.get("kind").s(),
                compressed.decode(item.get("files").b().asByteArray(), FILES),
                new Usage(Long.parseLong(item.get("inputTokens").n()), Long.parseLong(item.get("outputTokens").n())),
                Instant.parse(item.get("createdAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get(TTL_ATTRIBUTE).n())),
                item.containsKey("validation")
                        ? compressed.decode(item.get("validation").b().asByteArray(), VALIDATION) : null,
                item.containsKey("repaired") && Boolean.TRUE.equals(item.get("repaired").bool()));
    }

    private static long number(AttributeValue value) {
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
