package dev.omniarchitect.cache;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What the cache's fresh entries hold and span.
 *
 * @param bytes   the stored answers' size, compressed as they are stored
 * @param oldest  when the oldest fresh entry was written; null when there is none
 * @param newest  when the newest fresh entry was written; null when there is none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheStorage(long bytes, Instant oldest, Instant newest) {

    public static final CacheStorage NONE = new CacheStorage(0, null, null);

    /** This storage with one more entry of that size, written then. */
    public CacheStorage plus(long entryBytes, Instant createdAt) {
        return new CacheStorage(bytes + entryBytes,
                oldest == null || createdAt.isBefore(oldest) ? createdAt : oldest,
                newest == null || createdAt.isAfter(newest) ? createdAt : newest);
    }
}
