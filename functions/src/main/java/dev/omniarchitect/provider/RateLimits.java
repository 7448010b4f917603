package dev.omniarchitect.provider;

import java.util.OptionalLong;

/**
 * What a successful answer's rate-limit headers say ({@link RateLimitHeaders}).
 *
 * @param nearLimit        whether the provider is nearly out of requests or tokens, which lowers its shared limit
 * @param tokensPerMinute  the provider's tokens-per-minute limit, when it publishes one
 * @param tokensRemaining  the tokens it says are left in its current minute, when it says so
 */
public record RateLimits(boolean nearLimit, OptionalLong tokensPerMinute, OptionalLong tokensRemaining) {

    /** An answer whose headers say nothing of the provider's limits. */
    public static final RateLimits NONE = new RateLimits(false, OptionalLong.empty(), OptionalLong.empty());
}
