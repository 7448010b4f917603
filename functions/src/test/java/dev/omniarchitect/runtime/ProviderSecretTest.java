package dev.omniarchitect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.omniarchitect.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSecretTest {

    @Test
    void theSecretsProviderKeysOverrideTheEnvironmentAndNothingElse() {
        Map<String, String> merged = ProviderSecret.merged(
                Map.of("OPENAI_API_KEY", "from-env", "JOBS_TABLE", "jobs", "OMNI_DEFAULT_PROVIDER", "bedrock"),
                "{\"OPENAI_API_KEY\": \"sk-secret\", \"ANTHROPIC_API_KEY\": \"sk-ant\", \"JOBS_TABLE\": \"evil\"}",
                Json.mapper());
        assertEquals("sk-secret", merged.get("OPENAI_API_KEY"));
        assertEquals("sk-ant", merged.get("ANTHROPIC_API_KEY"));
        assertEquals("jobs", merged.get("JOBS_TABLE"), "a secret cannot redirect a table");
        assertEquals("bedrock", merged.get("OMNI_DEFAULT_PROVIDER"));
        assertFalse(merged.containsKey("OPENAI_ORG_ID"));
    }

    @Test
    void aSecretThatIsNotAJsonObjectStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> ProviderSecret.merged(Map.of(), "[\"sk\"]", Json.mapper()));
        assertThrows(RuntimeException.class, () -> ProviderSecret.merged(Map.of(), "sk-plain-text", Json.mapper()));
    }

    @Test
    void withoutASecretArnTheEnvironmentIsUsedAsItIs() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "k");
        assertEquals(env, ProviderSecret.mergeInto(env, null, Json.mapper()));
    }
}
