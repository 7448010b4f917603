package dev.omniarchitect.cache;

/**
 * How a cache (or one provider's part of it) is doing.
 *
 * @param entries         entries still fresh
 * @param expiredEntries  entries past their TTL that DynamoDB has not deleted yet (they are misses)
 * @param hits            lookups answered from the cache
 * @param misses          lookups that found nothing fresh and went to the provider
 * @param hitRatio        hits / (hits + misses); null before the first lookup
 */
public record CacheCounts(long entries, long expiredEntries, long hits, long misses, Double hitRatio) {

    public static final CacheCounts NONE = of(0, 0, 0, 0);

    /** The counts with their hit ratio, rounded to four places. */
    public static CacheCounts of(long entries, long expiredEntries, long hits, long misses) {
        long lookups = hits + misses;
        Double ratio = lookups == 0 ? null : Math.round(hits * 10_000.0 / lookups) / 10_000.0;
        return new CacheCounts(entries, expiredEntries, hits, misses, ratio);
    }

    /** These counts and those added up. */
    public CacheCounts plus(CacheCounts other) {
        return of(entries + other.entries, expiredEntries + other.expiredEntries, hits + other.hits,
                misses + other.misses);
    }
}
