package dev.omniarchitect.cache;

import java.util.Map;
import java.util.TreeMap;

/**
 * The cache's numbers, in total and by provider.
 *
 * @param total       every provider added up
 * @param byProvider  each provider's numbers, by name
 * @param storage     the size and age span of the fresh entries
 */
public record CacheStats(CacheCounts total, Map<String, CacheCounts> byProvider, CacheStorage storage) {

    public CacheStats {
        byProvider = java.util.Collections.unmodifiableMap(new TreeMap<>(byProvider));
    }

    /** The stats of those providers, with their total. */
    public static CacheStats of(Map<String, CacheCounts> byProvider, CacheStorage storage) {
        CacheCounts total = byProvider.values().stream().reduce(CacheCounts.NONE, CacheCounts::plus);
        return new CacheStats(total, byProvider, storage);
    }
}
