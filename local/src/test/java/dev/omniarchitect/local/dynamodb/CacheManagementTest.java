package dev.omniarchitect.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.cache.CacheCounts;
import dev.omniarchitect.cache.CacheEntry;
import dev.omniarchitect.cache.CacheFilter;
import dev.omniarchitect.cache.CacheStats;
import dev.omniarchitect.cache.CacheStorage;
import dev.omniarchitect.cache.PurgeResult;
import dev.omniarchitect.cache.dynamodb.DynamoDbCacheStore;
import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.provider.Usage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cache statistics, deletes and purges against DynamoDB Local, with the counters every lookup raises. */
class CacheManagementTest extends DynamoDbLocalTestBase {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private DynamoDbCacheStore cache;
    private int keys;

    @BeforeEach
    void emptyTable() {
        cache = new DynamoDbCacheStore(aws.dynamoDb(), freshTables()[0], new CompressedJson(Json.mapper()));
    }

    @Test
    void statsCountFreshAndExpiredEntriesHitsAndMissesByProvider() {
        String openAiKey = put("openai", "gpt-4o-mini", "dockerfile", now.plusSeconds(3600));
        put("openai", "gpt-4o-mini", "kubernetes", now.minusSeconds(1));
        String expiredBedrock = put("bedrock", "claude", "terraform", now.minusSeconds(5));
        assertTrue(cache.find(openAiKey, now).join().isPresent());
        assertTrue(cache.find(expiredBedrock, now).join().isEmpty(), "an expired entry reads as a miss");
        assertTrue(cache.find(key(), now).join().isEmpty());
        cache.countLookup("openai", true).join();
        cache.countLookup("openai", true).join();
        cache.countLookup("openai", false).join();
        cache.countLookup("bedrock", false).join();
        cache.put(entry(key(), "openai", "gpt-4o-mini", "terraform", now.plusSeconds(60))).join();
        cache.put(entry(key(), "openai", "gpt-4o-mini", "terraform", now.plusSeconds(60))).join();

        CacheStats stats = cache.stats(now).join();

        assertEquals(CacheCounts.of(3, 1, 2, 1), stats.byProvider().get("openai"));
        assertEquals(0.6667, stats.byProvider().get("openai").hitRatio());
        assertEquals(CacheCounts.of(0, 1, 0, 1), stats.byProvider().get("bedrock"));
        assertEquals(CacheCounts.of(3, 2, 2, 2), stats.total());
        assertEquals(0.5, stats.total().hitRatio());
    }

    @Test
    void theStatsSayHowMuchTheFreshEntriesHoldAndWhenTheyWereWritten() {
        cache.put(new CacheEntry(key(), "openai", "m", "dockerfile", List.of(new GeneratedFile("f", "x".repeat(1000))),
                new Usage(1, 2), now.minusSeconds(300), now.plusSeconds(60))).join();
        cache.put(new CacheEntry(key(), "bedrock", "m", "dockerfile", List.of(new GeneratedFile("f", "y")),
                new Usage(1, 2), now.minusSeconds(30), now.plusSeconds(60))).join();
        cache.put(new CacheEntry(key(), "bedrock", "m", "dockerfile", List.of(new GeneratedFile("f", "z")),
                new Usage(1, 2), now.minusSeconds(9000), now.minusSeconds(1))).join();

        CacheStorage storage = cache.stats(now).join().storage();

        assertEquals(now.minusSeconds(300), storage.oldest(), "the expired entry is not counted");
        assertEquals(now.minusSeconds(30), storage.newest());
        assertTrue(storage.bytes() > 0 && storage.bytes() < 1000, "compressed as stored: " + storage.bytes());
    }

    @Test
    void lookupsCountNothingByThemselves() {
        String key = put("openai", "gpt-4o-mini", "dockerfile", now.plusSeconds(3600));
        assertTrue(cache.find(key, now).join().isPresent());
        assertTrue(cache.find(key(), now).join().isEmpty());

        assertEquals(CacheCounts.of(1, 0, 0, 0), cache.stats(now).join().total());
    }

    @Test
    void countingIsBestEffortAndNeverFails() {
        DynamoDbCacheStore missingTable = new DynamoDbCacheStore(aws.dynamoDb(), "no-such-table",
                new CompressedJson(Json.mapper()));
        assertDoesNotThrow(() -> missingTable.countLookup("openai", true).join());
    }

    @Test
    void anEmptyCacheHasNoRatio() {
        CacheStats stats = cache.stats(now).join();
        assertEquals(CacheCounts.NONE, stats.total());
        assertNull(stats.total().hitRatio());
        assertTrue(stats.byProvider().isEmpty());
        assertEquals(CacheStorage.NONE, stats.storage());
    }

    @Test
    void deleteRemovesOneEntryAndSaysWhetherThereWasOne() {
        String doomed = put("openai", "gpt-4o-mini", "dockerfile", now.plusSeconds(60));
        String kept = put("openai", "gpt-4o-mini", "dockerfile", now.plusSeconds(60));

        assertTrue(cache.delete(doomed).join());
        assertFalse(cache.delete(doomed).join());
        assertTrue(cache.find(doomed, now).join().isEmpty());
        assertTrue(cache.find(kept, now).join().isPresent());
    }

    @Test
    void purgeDeletesWhatTheFilterMatchesAndKeepsTheCounters() {
        String openAiDockerfile = put("openai", "gpt-4o-mini", "dockerfile", now.plusSeconds(60));
        String openAiTerraform = put("openai", "gpt-4o-mini", "terraform", now.plusSeconds(60));
        String otherModel = put("openai", "gpt-4.1", "dockerfile", now.plusSeconds(60));
        String bedrock = put("bedrock", "claude", "dockerfile", now.plusSeconds(60));
        cache.countLookup("openai", true).join();

        assertEquals(new PurgeResult(1, true), cache.purge(new CacheFilter("openai", "gpt-4o-mini", "dockerfile"), 100)
                .join());
        assertTrue(cache.find(openAiDockerfile, now).join().isEmpty());
        assertEquals(new PurgeResult(1, true), cache.purge(new CacheFilter(null, null, "terraform"), 100).join());
        assertTrue(cache.find(openAiTerraform, now).join().isEmpty());
        assertEquals(new PurgeResult(1, true), cache.purge(new CacheFilter("openai", null, null), 100).join());
        assertTrue(cache.find(otherModel, now).join().isEmpty());
        assertTrue(cache.find(bedrock, now).join().isPresent());

        assertEquals(1, cache.stats(now).join().byProvider().get("openai").hits(), "purges keep the counters");
        assertEquals(1, cache.stats(now).join().total().entries());
    }

    @Test
    void aPurgeDeletesAtMostItsLimitAndSaysWhenMoreAreLeft() {
        for (int i = 0; i < 30; i++) {
            put("openai", "gpt-4o-mini", "dockerfile", now.plusSeconds(60));
        }
        assertEquals(new PurgeResult(25, false), cache.purge(CacheFilter.ALL, 25).join());
        assertEquals(new PurgeResult(5, true), cache.purge(CacheFilter.ALL, 25).join());
        assertEquals(0, cache.stats(now).join().total().entries());
    }

    private String put(String provider, String model, String kind, Instant expiresAt) {
        String key = key();
        cache.put(entry(key, provider, model, kind, expiresAt)).join();
        return key;
    }

    private String key() {
        return "%064x".formatted(++keys);
    }

    private CacheEntry entry(String key, String provider, String model, String kind, Instant expiresAt) {
        return new CacheEntry(key, provider, model, kind, List.of(new GeneratedFile("f", "x")), new Usage(1, 2),
                now.minusSeconds(10), expiresAt);
    }
}
