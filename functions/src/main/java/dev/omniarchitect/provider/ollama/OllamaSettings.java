package dev.omniarchitect.provider.ollama;

import dev.omniarchitect.provider.ProviderDefinition;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where Ollama listens.
 *
 * @param host          OLLAMA_HOST, default {@code http://localhost:11434} (a bare host:port gets http://)
 * @param fromEnvironment whether OLLAMA_HOST was set
 * @param defaultModel  OLLAMA_MODEL, default {@value #DEFAULT_MODEL}
 */
public record OllamaSettings(URI host, boolean fromEnvironment, String defaultModel) {

    public static final String DEFAULT_MODEL = "qwen2.5-coder:7b";
    public static final URI DEFAULT_HOST = URI.create("http://localhost:11434");

    /** The ollama provider: its variables; it needs no key. */
    public static final ProviderDefinition DEFINITION = new ProviderDefinition(OllamaProvider.NAME,
            List.of("OLLAMA_HOST", "OLLAMA_MODEL"), Set.of(), "OLLAMA_MODEL",
            (env, context) -> new OllamaProvider(fromEnvironment(env), context.http(), context.mapper(),
                    context.clock()));

    /** Read from the environment. */
    public static OllamaSettings fromEnvironment(Map<String, String> env) {
        String host = env.get("OLLAMA_HOST");
        String model = env.get("OLLAMA_MODEL");
        URI uri = host == null || host.isBlank() ? DEFAULT_HOST
                : URI.create((host.contains("://") ? host.trim() : "http://" + host.trim()).replaceAll("/+$", ""));
        return new OllamaSettings(uri, host != null && !host.isBlank(),
                model == null || model.isBlank() ? DEFAULT_MODEL : model.trim());
    }
}
