package dev.omniarchitect.provider.bedrock;

import dev.omniarchitect.provider.ProviderDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Bedrock's settings: the region (and so whether Bedrock can be reached at all) and the default model.
 *
 * @param region        AWS_REGION, else AWS_DEFAULT_REGION; null when neither is set
 * @param endpoint      AWS_ENDPOINT_URL_BEDROCK_RUNTIME, the SDK's standard override; null for the real endpoint
 * @param defaultModel  BEDROCK_MODEL: a model id or an inference-profile id
 */
public record BedrockSettings(String region, String endpoint, String defaultModel) {

    /** A cross-region inference profile, so on-demand throughput works in every profile region. */
    public static final String DEFAULT_MODEL = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";

    /** The bedrock provider: its variables; IAM credentials come from the default chain, never the secret. */
    public static final ProviderDefinition DEFINITION = new ProviderDefinition(BedrockProvider.NAME,
            List.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "BEDROCK_MODEL"),
            Set.of(), "BEDROCK_MODEL", (env, context) -> new BedrockProvider(fromEnvironment(env),
                    context.sdkClient(BedrockRuntimeAsyncClient.class)));

    /** Read from the environment. */
    public static BedrockSettings fromEnvironment(Map<String, String> env) {
        String region = firstSet(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        return new BedrockSettings(region, firstSet(env.get("AWS_ENDPOINT_URL_BEDROCK_RUNTIME")),
                firstSet(env.get("BEDROCK_MODEL"), DEFAULT_MODEL));
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
