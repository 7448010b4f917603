package dev.omniarchitect.batch;

/**
 * Every setting of one item, resolved from the item, the document and the defaults.
 *
 * @param provider         provider name
 * @param model            model id
 * @param temperature      0 to 2
 * @param maxTokens        answer token budget
 * @param timeoutSeconds   the item's whole deadline
 * @param cache            cache mode
 * @param cacheTtlSeconds  how long a written cache entry stays fresh
 */
public record ItemSettings(
        String provider,
        String model,
        double temperature,
        int maxTokens,
        int timeoutSeconds,
        CacheMode cache,
        long cacheTtlSeconds) {
}
