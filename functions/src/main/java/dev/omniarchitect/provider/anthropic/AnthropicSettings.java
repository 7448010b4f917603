package dev.omniarchitect.provider.anthropic;

import dev.omniarchitect.provider.ProviderDefinition;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to reach Anthropic's Messages API.
 *
 * @param apiKey        ANTHROPIC_API_KEY; null when not set
 * @param baseUrl       ANTHROPIC_BASE_URL, default {@code https://api.anthropic.com}
 * @param defaultModel  ANTHROPIC_MODEL, default {@value #DEFAULT_MODEL}
 */
public record AnthropicSettings(String apiKey, URI baseUrl, String defaultModel) {

    public static final String DEFAULT_MODEL = "claude-sonnet-4-5";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");

    /** The anthropic provider: its variables, and the key the provider secret may set. */
    public static final ProviderDefinition DEFINITION = new ProviderDefinition(AnthropicProvider.NAME,
            List.of("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "ANTHROPIC_MODEL"), Set.of("ANTHROPIC_API_KEY"),
            "ANTHROPIC_MODEL", (env, context) -> new AnthropicProvider(fromEnvironment(env), context.http(),
                    context.mapper(), context.clock()));

    /** Read from the environment (or the provider secret merged into it). */
    public static AnthropicSettings fromEnvironment(Map<String, String> env) {
        String baseUrl = blankToNull(env.get("ANTHROPIC_BASE_URL"));
        String model = blankToNull(env.get("ANTHROPIC_MODEL"));
        return new AnthropicSettings(blankToNull(env.get("ANTHROPIC_API_KEY")),
                baseUrl == null ? DEFAULT_BASE_URL : URI.create(baseUrl.replaceAll("/+$", "")),
                model == null ? DEFAULT_MODEL : model);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
