package dev.omniarchitect.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProviderCeilingsTest {

    @Test
    void variablesSetCeilingsByProviderAndTheRestKeepTheDefault() {
        ProviderCeilings ceilings = ProviderCeilings.fromEnvironment(Map.of("OMNI_LIMIT_OPENAI", "4",
                "OMNI_LIMIT_ANTHROPIC", " 25 ", "OMNI_DEFAULT_PROVIDER", "openai"));
        assertEquals(OptionalInt.of(4), ceilings.of("openai"));
        assertEquals(OptionalInt.of(25), ceilings.of("anthropic"));
        assertEquals(OptionalInt.of(ProviderCeilings.DEFAULT_CEILING), ceilings.of("bedrock"));
        assertEquals("OMNI_LIMIT_OLLAMA", ProviderCeilings.variableOf("ollama"));
    }

    @Test
    void theOfflineBlueprintProviderHasNoCeiling() {
        assertTrue(ProviderCeilings.fromEnvironment(Map.of()).of("blueprint").isEmpty());
    }

    @Test
    void aCeilingOutsideOneToTheMaximumIsRefusedNamingTheVariable() {
        for (String bad : new String[] {"0", "-1", "1001", "ten", "2.5"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ProviderCeilings.fromEnvironment(Map.of("OMNI_LIMIT_OPENAI", bad)));
            assertTrue(refused.getMessage().startsWith("OMNI_LIMIT_OPENAI must be a whole number from 1 to 1000"),
                    refused.getMessage());
        }
    }
}
