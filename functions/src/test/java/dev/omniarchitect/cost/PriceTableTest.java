package dev.omniarchitect.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.json.Json;
import dev.omniarchitect.provider.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable prices = PriceTable.builtIn(Json.mapper());

    @Test
    void findsExactDatedAndProfiledModelIds() {
        Price mini = prices.find("openai", "gpt-4o-mini").orElseThrow();
        assertEquals(0.15, mini.inputPerMillion().doubleValue());
        assertEquals(mini, prices.find("openai", "gpt-4o-mini-2024-07-18").orElseThrow(),
                "a dated version finds its base entry");
        assertEquals(2.5, prices.find("openai", "gpt-4o-2024-11-20").orElseThrow().inputPerMillion().doubleValue(),
                "a version of gpt-4o, not of gpt-4o-mini");
        assertEquals(prices.find("bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
                prices.find("bedrock", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0"),
                "an inference-profile id costs what its model costs");
        assertEquals(3.0, prices.find("anthropic", "claude-sonnet-4-5-20250929").orElseThrow().inputPerMillion()
                .doubleValue());
        assertEquals(0.0, prices.find("ollama", "llama3.1:8b").orElseThrow().costOf(new Usage(1000, 1000)));
    }

    @Test
    void unknownModelsAndProvidersHaveNoPrice() {
        assertTrue(prices.find("openai", "loopback-model-2026").isEmpty());
        assertTrue(prices.find("openai", "gpt-4o-minimal").isEmpty(), "a longer name is another model, not a version");
        assertTrue(prices.find("nobody", "gpt-4o").isEmpty());
        assertTrue(prices.checked().matches("\\d{4}-\\d{2}-\\d{2}"));
    }

    @Test
    void costIsTokensTimesPricePerMillion() {
        Price price = new Price(new BigDecimal("0.15"), new BigDecimal("0.60"));
        assertEquals(0.000066, price.costOf(new Usage(120, 80)), 1e-12);
        assertEquals(0.75, price.costOf(new Usage(1_000_000, 1_000_000)), 1e-12);
    }
}
