package dev.omniarchitect.batch;

import java.util.List;

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
 * @param maxAttempts      calls to one provider at most, retries included
 * @param fallback         providers to try in turn when the provider fails after its retries
 * @param repair           whether an AI answer with validation errors gets one repair round
 */
public record ItemSettings(
        String provider,
        String model,
        double temperature,
        int maxTokens,
        int timeoutSeconds,
        CacheMode cache,
        long cacheTtlSeconds,
        int maxAttempts,
        List<String> fallback,
        boolean repair) {

    public ItemSettings {
        fallback = List.copyOf(fallback);
    }

    /** Settings with the repair round on. */
    public ItemSettings(String provider, String model, double temperature, int maxTokens, int timeoutSeconds,
                        CacheMode cache, long cacheTtlSeconds, int maxAttempts, List<String> fallback) {
        this(provider, model, temperature, maxTokens, timeoutSeconds, cache, cacheTtlSeconds, maxAttempts, fallback,
                true);
    }
}
