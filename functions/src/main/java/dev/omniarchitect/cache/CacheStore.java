package dev.omniarchitect.cache;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where answers are cached. */
public interface CacheStore {

    /** The entry under that key if it is still fresh at {@code now}; an expired entry is a miss. */
    CompletableFuture<Optional<CacheEntry>> find(String key, Instant now);

    /** Writes or overwrites the entry. */
    CompletableFuture<Void> put(CacheEntry entry);
}
