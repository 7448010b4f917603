package dev.omniarchitect.provider;

import dev.omniarchitect.provider.anthropic.AnthropicSettings;
import dev.omniarchitect.provider.bedrock.BedrockSettings;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import dev.omniarchitect.provider.ollama.OllamaSettings;
import dev.omniarchitect.provider.openai.OpenAiSettings;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one list of built-in providers: the function configuration, the provider secret, the registry (and so
 * {@code ./omni providers} and {@code GET /v1/providers}) and the template's test all read it. Adding a
 * provider is a folder under {@code provider/} and one line here.
 */
public final class BuiltInProviders {

    /** Every built-in provider, in the order they are listed. */
    public static final List<ProviderDefinition> ALL = List.of(
            BlueprintProvider.DEFINITION,
            BedrockSettings.DEFINITION,
            OpenAiSettings.DEFINITION,
            AnthropicSettings.DEFINITION,
            OllamaSettings.DEFINITION);

    private BuiltInProviders() {
    }

    /** The variables of that environment that some provider reads, and no other. */
    public static Map<String, String> settingsIn(Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (ProviderDefinition provider : ALL) {
            provider.environmentVariables().stream().filter(environment::containsKey)
                    .forEach(name -> settings.put(name, environment.get(name)));
        }
        return Map.copyOf(settings);
    }

    /** Every key the provider secret may set. */
    public static Set<String> secretKeys() {
        Set<String> keys = new LinkedHashSet<>();
        ALL.forEach(provider -> keys.addAll(provider.secretKeys()));
        return Set.copyOf(keys);
    }

    /** Every built-in provider made from its settings, with the default one. */
    public static ProviderRegistry registry(Map<String, String> settings, ProviderContext context,
                                            String defaultProvider) {
        return new ProviderRegistry(ALL.stream().map(provider -> provider.create(settings, context)).toList(),
                defaultProvider);
    }
}
