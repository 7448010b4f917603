package dev.omniarchitect.limit;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The tokens per minute each provider may be sent, when configured: {@code OMNI_TOKENS_PER_MINUTE_<PROVIDER>}
 * (e.g. {@code OMNI_TOKENS_PER_MINUTE_OPENAI=200000}). None by default: a provider's own headers
 * ({@code x-ratelimit-limit-tokens}, {@code anthropic-ratelimit-tokens-limit}) then set the budget once it
 * has answered; with both, the lower one holds.
 *
 * @param perMinute  the budgets set by variables, by provider name
 */
public record TokenBudgets(Map<String, Long> perMinute) {

    /** No budget configured for any provider. */
    public static final TokenBudgets NONE = new TokenBudgets(Map.of());
    /** The variables' prefix; the provider's name follows in capitals. */
    public static final String VARIABLE_PREFIX = "OMNI_TOKENS_PER_MINUTE_";
    /** No budget may be set above this (far above any account's limit). */
    public static final long MAX_PER_MINUTE = 1_000_000_000L;

    public TokenBudgets {
        perMinute = Map.copyOf(perMinute);
    }

    /** The budgets the {@code OMNI_TOKENS_PER_MINUTE_*} variables of that environment set; bad values are refused by name. */
    public static TokenBudgets fromEnvironment(Map<String, String> env) {
        return new TokenBudgets(ProviderVariables.wholeNumbers(env, VARIABLE_PREFIX, MAX_PER_MINUTE,
                "of tokens per minute "));
    }

    /** The provider's configured tokens per minute; empty when none is configured. */
    public OptionalLong of(String provider) {
        Long value = perMinute.get(provider);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * The budget that holds for the provider: the stored one under the configured rate (the lower of the
     * two when the provider's headers also set one), refilled up to now.
     */
    TokenBudget holding(String provider, TokenBudget stored, long nowMs) {
        OptionalLong configured = of(provider);
        if (configured.isEmpty()) {
            return stored.at(nowMs);
        }
        long rate = stored.active() ? Math.min(stored.perMinute(), configured.getAsLong()) : configured.getAsLong();
        return stored.withRate(rate, nowMs).at(nowMs);
    }

    /** The budget after a call: its rate from the provider's limit, its estimate corrected, capped by what is left. */
    TokenBudget after(String provider, TokenBudget stored, TokenNews news, long nowMs) {
        TokenBudget budget = stored;
        if (news.perMinute().isPresent()) {
            long published = news.perMinute().getAsLong();
            budget = budget.withRate(of(provider).stream().map(set -> Math.min(set, published)).findFirst()
                    .orElse(published), nowMs);
        }
        budget = holding(provider, budget, nowMs).spend(news.correction(), nowMs);
        return news.remaining().isPresent() ? budget.atMost(news.remaining().getAsLong(), nowMs) : budget;
    }
}
