package dev.omniarchitect.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.runtime.FunctionConfig;
import dev.omniarchitect.runtime.FunctionServices;
import dev.omniarchitect.runtime.ProviderSecret;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One list of providers feeds the configuration, the secret, the registry and the help texts. */
class BuiltInProvidersTest {

    @Test
    void theRegistryHoldsEveryListedProviderUnderItsDefinitionsName() {
        FunctionServices services = services(Map.of());

        assertEquals(BuiltInProviders.ALL.stream().map(ProviderDefinition::name).toList(),
                services.providers().all().stream().map(Provider::name).toList());
    }

    @Test
    void theConfigurationKeepsTheVariablesProvidersDeclareAndNoOther() {
        FunctionConfig config = FunctionConfig.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-test",
                "OLLAMA_MODEL", "llama3.2:3b", "HOME", "/root", "CACHE_TABLE", "cache"));

        assertEquals(Map.of("OPENAI_API_KEY", "sk-test", "OLLAMA_MODEL", "llama3.2:3b"), config.providerSettings());
    }

    @Test
    void eachProviderIsConfiguredFromItsOwnVariables() {
        FunctionServices services = services(Map.of("ANTHROPIC_API_KEY", "sk-ant-test", "OLLAMA_MODEL", "llama3.2:3b",
                "OPENAI_MODEL", "gpt-4.1-mini"));

        Provider anthropic = services.providers().find("anthropic").orElseThrow();
        assertTrue(anthropic.isConfigured());
        assertFalse(services.providers().find("openai").orElseThrow().isConfigured());
        assertEquals("gpt-4.1-mini", services.providers().find("openai").orElseThrow().defaultModel());
        assertEquals("llama3.2:3b", services.providers().find("ollama").orElseThrow().defaultModel());
    }

    @Test
    void theSecretMaySetExactlyTheKeysProvidersDeclare() {
        assertEquals(Set.of("OPENAI_API_KEY", "OPENAI_ORG_ID", "ANTHROPIC_API_KEY"), ProviderSecret.KEYS);
        for (ProviderDefinition provider : BuiltInProviders.ALL) {
            assertTrue(provider.environmentVariables().containsAll(provider.secretKeys()), provider.name());
        }
    }

    @Test
    void aDefinitionMustListTheVariablesItsSecretAndModelUse() {
        assertThrows(IllegalArgumentException.class, () -> new ProviderDefinition("x", List.of("X_MODEL"),
                Set.of("X_API_KEY"), "X_MODEL", (env, context) -> null));
        assertThrows(IllegalArgumentException.class, () -> new ProviderDefinition("x", List.of("X_API_KEY"),
                Set.of("X_API_KEY"), "X_MODEL", (env, context) -> null));
    }

    private static FunctionServices services(Map<String, String> environment) {
        AwsClients aws = AwsClients.forLocalDynamoDb(URI.create("http://127.0.0.1:1"));
        return new FunctionServices(FunctionConfig.fromEnvironment(environment), aws,
                new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
    }
}
