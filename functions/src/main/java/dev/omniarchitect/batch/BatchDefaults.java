package dev.omniarchitect.batch;

import java.util.List;
import java.util.Map;

/**
 * What a document leaves open is filled from here.
 *
 * @param provider       the provider when neither item nor document names one
 * @param defaultModels  every known provider with its default model
 * @param cacheTtlSeconds the cache TTL when the document sets none
 */
public record BatchDefaults(String provider, Map<String, String> defaultModels, long cacheTtlSeconds) {

    public BatchDefaults {
        defaultModels = Map.copyOf(defaultModels);
        if (!defaultModels.containsKey(provider)) {
            throw new IllegalArgumentException("default provider " + provider + " is not one of " + defaultModels.keySet());
        }
    }

    /** Known provider names, sorted, for messages. */
    public List<String> providerNames() {
        return defaultModels.keySet().stream().sorted().toList();
    }
}
