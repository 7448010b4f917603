package dev.omniarchitect.provider;

import dev.omniarchitect.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether a successful answer's rate-limit headers say the provider is nearly out of requests or tokens:
 * OpenAI's {@code x-ratelimit-remaining-requests} / {@code -tokens} against {@code x-ratelimit-limit-*},
 * Anthropic's {@code anthropic-ratelimit-*-remaining} against {@code anthropic-ratelimit-*-limit}. Nearly out
 * means at most {@link #NEAR_FRACTION} of the limit (and at least when none is left); the shared limit is
 * then lowered before the provider answers 429. The token limit and what is left of it also feed the
 * provider's shared tokens-per-minute budget: OpenAI's {@code x-ratelimit-limit-tokens} /
 * {@code -remaining-tokens}, Anthropic's {@code anthropic-ratelimit-tokens-*} (its most restrictive token
 * limit), else its {@code anthropic-ratelimit-input-tokens-*}.
 */
public final class RateLimitHeaders {

    /** The share of a rate limit left below which the provider counts as nearly out. */
    static final double NEAR_FRACTION = 0.05;

    /** Each pair: the remaining header and the limit header it is a share of. */
    private static final List<List<String>> PAIRS = List.of(
            List.of("x-ratelimit-remaining-requests", "x-ratelimit-limit-requests"),
            List.of("x-ratelimit-remaining-tokens", "x-ratelimit-limit-tokens"),
            List.of("anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-requests-limit"),
            List.of("anthropic-ratelimit-tokens-remaining", "anthropic-ratelimit-tokens-limit"),
            List.of("anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-input-tokens-limit"),
            List.of("anthropic-ratelimit-output-tokens-remaining", "anthropic-ratelimit-output-tokens-limit"));

    /** The headers of a token limit and of what is left of it, the first pair a response sends wins. */
    private static final List<List<String>> TOKEN_PAIRS = List.of(
            List.of("x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens"),
            List.of("anthropic-ratelimit-tokens-limit", "anthropic-ratelimit-tokens-remaining"),
            List.of("anthropic-ratelimit-input-tokens-limit", "anthropic-ratelimit-input-tokens-remaining"));

    private RateLimitHeaders() {
    }

    /** Everything the response's rate-limit headers say. */
    public static RateLimits of(HttpResponse response) {
        for (List<String> pair : TOKEN_PAIRS) {
            Optional<Long> limit = response.header(pair.get(0)).flatMap(RateLimitHeaders::number);
            if (limit.isPresent() && limit.get() > 0) {
                Optional<Long> remaining = response.header(pair.get(1)).flatMap(RateLimitHeaders::number);
                return new RateLimits(nearLimit(response), OptionalLong.of(limit.get()),
                        remaining.map(OptionalLong::of).orElse(OptionalLong.empty()));
            }
        }
        return new RateLimits(nearLimit(response), OptionalLong.empty(), OptionalLong.empty());
    }

    /** Whether any of the response's remaining counts is nearly spent; false when it sends none. */
    public static boolean nearLimit(HttpResponse response) {
        for (List<String> pair : PAIRS) {
            Optional<Long> remaining = response.header(pair.get(0)).flatMap(RateLimitHeaders::number);
            if (remaining.isEmpty()) {
                continue;
            }
            long limit = response.header(pair.get(1)).flatMap(RateLimitHeaders::number).orElse(0L);
            if (remaining.get() <= 0 || limit > 0 && remaining.get() <= limit * NEAR_FRACTION) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Long> number(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
