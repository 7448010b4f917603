package dev.omniarchitect.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static HttpResponse answer(String... namesAndValues) {
        Map<String, List<String>> headers = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return new HttpResponse(200, headers, new byte[0]);
    }

    @Test
    void openAisRemainingRequestsOrTokensNearZeroAreNearTheLimit() {
        assertTrue(RateLimitHeaders.nearLimit(answer("x-ratelimit-remaining-requests", "2",
                "x-ratelimit-limit-requests", "100")));
        assertTrue(RateLimitHeaders.nearLimit(answer("x-ratelimit-remaining-requests", "4000",
                "x-ratelimit-limit-requests", "5000", "x-ratelimit-remaining-tokens", "0")));
        assertFalse(RateLimitHeaders.nearLimit(answer("x-ratelimit-remaining-requests", "60",
                "x-ratelimit-limit-requests", "100", "x-ratelimit-remaining-tokens", "150000",
                "x-ratelimit-limit-tokens", "200000")));
    }

    @Test
    void anthropicsRemainingCountsAreReadTheSameWay() {
        assertTrue(RateLimitHeaders.nearLimit(answer("anthropic-ratelimit-input-tokens-remaining", "1000",
                "anthropic-ratelimit-input-tokens-limit", "40000")));
        assertFalse(RateLimitHeaders.nearLimit(answer("anthropic-ratelimit-requests-remaining", "45",
                "anthropic-ratelimit-requests-limit", "50")));
    }

    @Test
    void anAnswerWithoutRateLimitHeadersOrWithUnreadableOnesSaysNothing() {
        assertFalse(RateLimitHeaders.nearLimit(answer()));
        assertFalse(RateLimitHeaders.nearLimit(answer("x-ratelimit-remaining-requests", "soon")));
    }

    @Test
    void theTokenLimitAndWhatIsLeftOfItAreReadForTheTokenBudget() {
        RateLimits openAi = RateLimitHeaders.of(answer("x-ratelimit-limit-tokens", "200000",
                "x-ratelimit-remaining-tokens", "150000", "x-ratelimit-limit-requests", "500"));
        assertEquals(OptionalLong.of(200_000), openAi.tokensPerMinute());
        assertEquals(OptionalLong.of(150_000), openAi.tokensRemaining());
        assertFalse(openAi.nearLimit());

        RateLimits anthropic = RateLimitHeaders.of(answer("anthropic-ratelimit-input-tokens-limit", "80000",
                "anthropic-ratelimit-input-tokens-remaining", "1000", "anthropic-ratelimit-tokens-limit", "96000",
                "anthropic-ratelimit-tokens-remaining", "2000"));
        assertEquals(OptionalLong.of(96_000), anthropic.tokensPerMinute(), "the most restrictive limit first");
        assertEquals(OptionalLong.of(2_000), anthropic.tokensRemaining());
        assertTrue(anthropic.nearLimit(), "1000 of 80000 input tokens left is nearly out");

        RateLimits inputOnly = RateLimitHeaders.of(answer("anthropic-ratelimit-input-tokens-limit", "80000"));
        assertEquals(OptionalLong.of(80_000), inputOnly.tokensPerMinute());
        assertEquals(OptionalLong.empty(), inputOnly.tokensRemaining());

        assertEquals(RateLimits.NONE, RateLimitHeaders.of(answer("x-ratelimit-limit-tokens", "lots")));
    }
}
