package dev.omniarchitect.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.provider.BuiltInProviders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerAsyncClient;

/**
 * The deployed stack's provider keys: one Secrets Manager secret holding a JSON object such as
 * {@code {"OPENAI_API_KEY": "...", "ANTHROPIC_API_KEY": "..."}}, read once per function instance at
 * initialisation and kept in memory, never logged.
 */
public final class ProviderSecret {

    /** The names a secret may set; anything else in it is ignored, so it cannot redirect tables or endpoints. */
    public static final Set<String> KEYS = BuiltInProviders.secretKeys();

    private ProviderSecret() {
    }

    /** The environment with the secret's keys laid over it; the environment itself when no secret is named. */
    public static Map<String, String> mergeInto(Map<String, String> environment, SdkAsyncHttpClient http,
                                                ObjectMapper mapper) {
        String arn = environment.get("PROVIDER_SECRET_ARN");
        if (arn == null || arn.isBlank()) {
            return environment;
        }
        String secret;
        try (SecretsManagerAsyncClient client = SecretsManagerAsyncClient.builder().httpClient(http).build()) {
            // Initialisation, not a request: waiting here blocks no event loop, and a missing secret
            // should stop the instance from starting rather than fail every item later.
            secret = client.getSecretValue(request -> request.secretId(arn)).join().secretString();
        }
        return merged(environment, secret, mapper);
    }

    /** The environment with the keys of that secret JSON laid over it. */
    static Map<String, String> merged(Map<String, String> environment, String secretJson, ObjectMapper mapper) {
        JsonNode secret;
        try {
            secret = mapper.readTree(secretJson == null ? "" : secretJson);
        } catch (IOException e) {
            throw new UncheckedIOException("the provider secret is not a JSON object of provider keys", e);
        }
        if (secret == null || !secret.isObject()) {
            throw new IllegalStateException("the provider secret must be a JSON object such as "
                    + "{\"OPENAI_API_KEY\": \"...\", \"ANTHROPIC_API_KEY\": \"...\"}");
        }
        Map<String, String> merged = new HashMap<>(environment);
        KEYS.forEach(key -> {
            JsonNode value = secret.get(key);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                merged.put(key, value.asText());
            }
        });
        return Map.copyOf(merged);
    }
}
