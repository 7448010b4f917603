package dev.omniarchitect.cache.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.cache.CacheEntry;
import dev.omniarchitect.cache.CacheStore;
import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.provider.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The answer cache in a DynamoDB table keyed by {@code cacheKey}, with the TTL attribute
 * {@code expiresAt} (epoch seconds) and the files stored compressed.
 */
public final class DynamoDbCacheStore implements CacheStore {

    public static final String KEY = "cacheKey";
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private static final TypeReference<List<GeneratedFile>> FILES = new TypeReference<>() {
    };

    private final DynamoDbAsyncClient dynamo;
    private final String table;
    private final CompressedJson compressed;

    public DynamoDbCacheStore(DynamoDbAsyncClient dynamo, String table, CompressedJson compressed) {
        this.dynamo = dynamo;
        this.table = table;
        this.compressed = compressed;
    }

    @Override
    public CompletableFuture<Optional<CacheEntry>> find(String key, Instant now) {
        return dynamo.getItem(request -> request.tableName(table).key(Map.of(KEY, s(key))))
                .thenApply(response -> response.hasItem() && !response.item().isEmpty()
                        ? Optional.of(entry(response.item())).filter(entry -> entry.isFreshAt(now))
                        : Optional.empty());
    }

    @Override
    public CompletableFuture<Void> put(CacheEntry entry) {
        Map<String, AttributeValue> item = Map.of(
                KEY, s(entry.key()),
                "provider", s(entry.provider()),
                "model", s(entry.model()),
                "kind", s(entry.kind()),
                "files", AttributeValue.fromB(SdkBytes.fromByteArray(compressed.encode(entry.files()))),
                "inputTokens", n(entry.usage().inputTokens()),
                "outputTokens", n(entry.usage().outputTokens()),
                "createdAt", s(entry.createdAt().toString()),
                TTL_ATTRIBUTE, n(entry.expiresAt().getEpochSecond()));
        return dynamo.putItem(request -> request.tableName(table).item(item)).thenApply(response -> null);
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
                Instant.ofEpochSecond(Long.parseLong(item.get(TTL_ATTRIBUTE).n())));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
