package dev.omniarchitect.local.cli;

import dev.omniarchitect.batch.BatchDefaults;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchDocumentParser;
import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.batch.DocumentFormat;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.provider.anthropic.AnthropicProvider;
import dev.omniarchitect.provider.bedrock.BedrockProvider;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import dev.omniarchitect.provider.ollama.OllamaProvider;
import dev.omniarchitect.provider.openai.OpenAiProvider;
import dev.omniarchitect.provider.UnknownDefaultProviderException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch document checked in the client, with the parser the engine uses, so a bad document is refused
 * before any engine or store starts. The engine parses it again with its own provider defaults.
 */
final class DocumentCheck {

    private DocumentCheck() {
    }

    /** Every provider's name, in the engine's order. */
    private static final List<String> PROVIDERS = List.of(BlueprintProvider.NAME, BedrockProvider.NAME,
            OpenAiProvider.NAME, AnthropicProvider.NAME, OllamaProvider.NAME);

    /**
     * The parsed document; throws {@code InvalidBatchException} with every violation, or
     * {@code UnknownDefaultProviderException} when OMNI_DEFAULT_PROVIDER names no provider.
     */
    static BatchDocument parse(String document, DocumentFormat format, BatchOverrides overrides,
                               Map<String, String> environment) {
        String defaultProvider = defaultProvider(environment);
        // Only the names matter here: which model a provider defaults to is the engine's business, except
        // that blueprint's is what an item naming another model is warned about.
        Map<String, String> providers = new LinkedHashMap<>();
        PROVIDERS.forEach(name -> providers.put(name, "default"));
        providers.put(BlueprintProvider.NAME, BlueprintProvider.MODEL);
        return new BatchDocumentParser(Json.mapper(), KindRegistry.builtIn(),
                new BatchDefaults(defaultProvider, providers, BatchLimits.DEFAULT_CACHE_TTL_SECONDS))
                .parse(document, format, overrides);
    }

    /** OMNI_DEFAULT_PROVIDER, or blueprint; an unknown one is bad configuration, found before any engine starts. */
    static String defaultProvider(Map<String, String> environment) {
        String defaultProvider = environment.getOrDefault("OMNI_DEFAULT_PROVIDER", BlueprintProvider.NAME);
        if (!PROVIDERS.contains(defaultProvider)) {
            throw UnknownDefaultProviderException.of(defaultProvider, PROVIDERS);
        }
        return defaultProvider;
    }
}
