package dev.omniarchitect.cache;

/**
 * What a purge did.
 *
 * @param deleted   entries deleted
 * @param complete  false when more entries matched than one purge deletes: purge again for the rest
 */
public record PurgeResult(long deleted, boolean complete) {
}
