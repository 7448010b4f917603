package dev.omniarchitect.cache;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where answers are cached, with hit and miss counts by provider. */
public interface CacheStore {

    /**
     * The entry under that key if it is still fresh at {@code now}; an expired entry is a miss. Counts
     * nothing, so the caller can count the lookup alongside its own work: see {@link #countLookup}.
     */
    CompletableFuture<Optional<CacheEntry>> find(String key, Instant now);

    /** Counts one lookup for that provider, a hit or a miss; best effort: it completes, never fails. */
    CompletableFuture<Void> countLookup(String provider, boolean hit);

    /** Writes or overwrites the entry. */
    CompletableFuture<Void> put(CacheEntry entry);

    /** Entries (fresh and expired at {@code now}), hits and misses, by provider. */
    CompletableFuture<CacheStats> stats(Instant now);

    /** Deletes the entry under that key; true if there was one. */
    CompletableFuture<Boolean> delete(String key);

    /** Deletes the entries the filter matches, at most {@code limit} of them. */
    CompletableFuture<PurgeResult> purge(CacheFilter filter, int limit);
}
