package dev.omniarchitect.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The providers of one function instance, by name, and which one is the default. */
public final class ProviderRegistry {

    private final Map<String, Provider> providers;
    private final String defaultProvider;

    public ProviderRegistry(List<Provider> providers, String defaultProvider) {
        Map<String, Provider> byName = new LinkedHashMap<>();
        providers.forEach(provider -> byName.put(provider.name(), provider));
        this.providers = java.util.Collections.unmodifiableMap(byName);
        if (!byName.containsKey(defaultProvider)) {
            throw new UnknownDefaultProviderException("OMNI_DEFAULT_PROVIDER is \"" + defaultProvider
                    + "\"; allowed: " + String.join(", ", byName.keySet()));
        }
        this.defaultProvider = defaultProvider;
    }

    /** The provider of that name, if known. */
    public Optional<Provider> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    /** Every provider, in registration order. */
    public List<Provider> all() {
        return List.copyOf(providers.values());
    }

    /** The provider used when a document names none. */
    public String defaultProvider() {
        return defaultProvider;
    }

    /** Every provider's name with its default model. */
    public Map<String, String> defaultModels() {
        Map<String, String> models = new LinkedHashMap<>();
        providers.forEach((name, provider) -> models.put(name, provider.defaultModel()));
        return models;
    }
}
