package dev.omniarchitect.local.cli;

import dev.omniarchitect.batch.BatchDefaults;
import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchDocumentParser;
import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.provider.anthropic.AnthropicProvider;
import dev.omniarchitect.provider.bedrock.BedrockProvider;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import dev.omniarchitect.provider.ollama.OllamaProvider;
import dev.omniarchitect.provider.openai.OpenAiProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The batch document checked in the client, with the parser the engine uses, so a bad document is refused
 * before any engine or store starts. The engine parses it again with its own provider defaults.
 */
final class DocumentCheck {

    private DocumentCheck() {
    }

    /**
     * The parsed document; throws {@code InvalidBatchException} with every violation, or
     * {@code IllegalArgumentException} when OMNI_DEFAULT_PROVIDER names no provider.
     */
    static BatchDocument parse(String document, BatchOverrides overrides, Map<String, String> environment) {
        // Only the names matter here: which model a provider defaults to is the engine's business.
        Map<String, String> providers = new LinkedHashMap<>();
        for (String name : new String[] {BedrockProvider.NAME, OpenAiProvider.NAME, AnthropicProvider.NAME,
                OllamaProvider.NAME}) {
            providers.put(name, "default");
        }
        providers.put(BlueprintProvider.NAME, BlueprintProvider.MODEL);
        String defaultProvider = environment.getOrDefault("OMNI_DEFAULT_PROVIDER", BlueprintProvider.NAME);
        return new BatchDocumentParser(Json.mapper(), KindRegistry.builtIn(),
                new BatchDefaults(defaultProvider, providers, BatchLimits.DEFAULT_CACHE_TTL_SECONDS))
                .parse(document, overrides);
    }
}
