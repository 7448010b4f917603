package dev.omniarchitect.provider.openai;

import dev.omniarchitect.provider.ProviderDefinition;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to reach an OpenAI-compatible Chat Completions endpoint.
 *
 * @param apiKey        the bearer key; null for servers that need none (Ollama, a local vLLM)
 * @param baseUrl       e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}
 * @param organization  the optional OpenAI-Organization header
 * @param defaultModel  the model when a batch names none
 */
public record OpenAiSettings(String apiKey, URI baseUrl, String organization, String defaultModel) {

    public static final URI OPENAI_BASE_URL = URI.create("https://api.openai.com/v1");
    public static final String DEFAULT_MODEL = "gpt-4o-mini";

    /** The openai provider: its variables, the key and organisation the provider secret may set. */
    public static final ProviderDefinition DEFINITION = new ProviderDefinition(OpenAiProvider.NAME,
            List.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_MODEL"),
            Set.of("OPENAI_API_KEY", "OPENAI_ORG_ID"), "OPENAI_MODEL",
            (env, context) -> new OpenAiProvider(fromEnvironment(env), context.http(), context.mapper(),
                    context.clock()));

    /** Read from OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID and OPENAI_MODEL. */
    public static OpenAiSettings fromEnvironment(Map<String, String> env) {
        String baseUrl = blankToNull(env.get("OPENAI_BASE_URL"));
        String model = blankToNull(env.get("OPENAI_MODEL"));
        return new OpenAiSettings(
                blankToNull(env.get("OPENAI_API_KEY")),
                baseUrl == null ? OPENAI_BASE_URL : URI.create(baseUrl.replaceAll("/+$", "")),
                blankToNull(env.get("OPENAI_ORG_ID")),
                model == null ? DEFAULT_MODEL : model);
    }

    /** A key, or an endpoint other than OpenAI's own (which always needs a key). */
    public boolean isConfigured() {
        return apiKey != null || !OPENAI_BASE_URL.equals(baseUrl);
    }

    /** OpenAI's own API wants max_completion_tokens; compatible servers know max_tokens. */
    boolean isOpenAiItself() {
        return "api.openai.com".equals(baseUrl.getHost());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
