package dev.omniarchitect.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TokenBudgetTest {

    @Test
    void noBudgetNeverMakesACallWait() {
        assertFalse(TokenBudget.NONE.active());
        assertEquals(0, TokenBudget.NONE.waitMs(1_000_000, 5_000));
        assertEquals(TokenBudget.NONE, TokenBudget.NONE.spend(500, 5_000));
    }

    @Test
    void aCallWaitsForTheRefillOfWhatItLacks() {
        TokenBudget fresh = TokenBudget.NONE.withRate(60_000, 0);
        assertEquals(60_000, fresh.available(), "a rate first known starts with a full minute");
        TokenBudget spent = fresh.spend(59_000, 0);
        assertEquals(0, spent.waitMs(1_000, 0));
        // 2,000 tokens more: 1,000 lacking at 1,000 a second.
        assertEquals(1_000, spent.waitMs(2_000, 0));
        assertEquals(0, spent.waitMs(2_000, 1_000));
        assertEquals(60_000, spent.at(600_000).available(), "never more than a minute's tokens");
    }

    @Test
    void usageAboveTheEstimateOverdrawsAndUsageBelowGivesBack() {
        TokenBudget budget = TokenBudget.NONE.withRate(6_000, 0).spend(5_000, 0);
        TokenBudget overdrawn = budget.spend(3_000, 0);
        assertEquals(-2_000, overdrawn.available());
        assertEquals(30_000, overdrawn.waitMs(1_000, 0), "3,000 lacking at 100 a second");
        assertEquals(4_000, budget.spend(-3_000, 0).available());
    }

    @Test
    void aCallLargerThanAMinutesBudgetNeedsOnlyAFullBucket() {
        TokenBudget full = TokenBudget.NONE.withRate(1_000, 0);
        assertEquals(0, full.waitMs(50_000, 0));
        assertEquals(60_000, full.spend(1_000, 0).waitMs(50_000, 0));
    }

    @Test
    void theProvidersRemainingTokensCapTheBucketAndANewRateKeepsWhatIsLeft() {
        TokenBudget budget = TokenBudget.NONE.withRate(100_000, 0);
        assertEquals(20_000, budget.atMost(20_000, 0).available());
        assertEquals(100_000, budget.atMost(500_000, 0).available());
        TokenBudget lowered = budget.spend(30_000, 0).withRate(50_000, 0);
        assertEquals(50_000, lowered.perMinute());
        assertEquals(50_000, lowered.available());
        assertEquals(70_000, budget.spend(30_000, 0).withRate(200_000, 0).available());
    }

    @Test
    void budgetsAreConfiguredPerProviderAndBadValuesAreRefusedByName() {
        TokenBudgets budgets = TokenBudgets.fromEnvironment(Map.of("OMNI_TOKENS_PER_MINUTE_OPENAI", "200000",
                "OMNI_TOKENS_PER_MINUTE_OLLAMA", " ", "OTHER", "1"));
        assertEquals(OptionalLong.of(200_000), budgets.of("openai"));
        assertEquals(OptionalLong.empty(), budgets.of("ollama"));
        assertEquals(OptionalLong.empty(), budgets.of("anthropic"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TokenBudgets.fromEnvironment(Map.of("OMNI_TOKENS_PER_MINUTE_ANTHROPIC", "0")));
        assertTrue(refused.getMessage().contains("OMNI_TOKENS_PER_MINUTE_ANTHROPIC"), refused.getMessage());
    }
}
