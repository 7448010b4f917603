package dev.omniarchitect.provider;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One built-in provider, declared in its own folder and listed once in {@link BuiltInProviders}: its name,
 * the settings it reads and how it is made from them.
 *
 * @param name                  the provider's name in batch documents
 * @param environmentVariables  every variable its settings read (help texts name them, never their values)
 * @param secretKeys            those of them the deployed provider secret may set: keys, never endpoints
 * @param modelVariable         the variable naming its default model; null for a provider without models
 * @param factory               makes the provider from those variables
 */
public record ProviderDefinition(String name, List<String> environmentVariables, Set<String> secretKeys,
                                 String modelVariable, Factory factory) {

    public ProviderDefinition {
        environmentVariables = List.copyOf(environmentVariables);
        secretKeys = Set.copyOf(secretKeys);
        if (!environmentVariables.containsAll(secretKeys)
                || modelVariable != null && !environmentVariables.contains(modelVariable)) {
            throw new IllegalArgumentException("provider " + name + " must list every variable it reads");
        }
    }

    /** Makes a provider from its settings. */
    @FunctionalInterface
    public interface Factory {

        /** The provider, configured from the variables of {@code environment} it declares. */
        Provider create(Map<String, String> environment, ProviderContext context);
    }

    /** The provider, configured from its variables in that environment. */
    public Provider create(Map<String, String> environment, ProviderContext context) {
        return factory.create(environment, context);
    }
}
