package dev.omniarchitect.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterHeadersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T17:54:30Z"), ZoneOffset.UTC);

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), wait(429, "retry-after", "1"));
        assertEquals(Optional.of(Duration.ofMillis(2500)), wait(429, "retry-after", "2.5"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), wait(503, "retry-after", "Thu, 26 Nov 2026 17:55:00 GMT"));
        assertEquals(Optional.of(Duration.ZERO), wait(503, "retry-after", "Thu, 26 Nov 2026 17:00:00 GMT"));
        assertEquals(Optional.empty(), wait(503, "retry-after", "soon"));
    }

    @Test
    void retryAfterMillisecondsWinsOverSeconds() {
        assertEquals(Optional.of(Duration.ofMillis(150)),
                RetryAfterHeaders.of(response(429, Map.of("retry-after-ms", "150", "retry-after", "1")), CLOCK));
    }

    @Test
    void openAiResetDurationsTheLongestOne() {
        assertEquals(Optional.of(Duration.ofMinutes(6)), RetryAfterHeaders.of(response(429,
                Map.of("x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "6m0s")), CLOCK));
        assertEquals(Optional.of(Duration.ofMillis(3_723_500)), RetryAfterHeaders.goDuration("1h2m3.5s"));
        assertEquals(Optional.of(Duration.ofMillis(20)), RetryAfterHeaders.goDuration("20ms"));
        assertTrue(RetryAfterHeaders.goDuration("6 minutes").isEmpty());
    }

    @Test
    void anthropicResetTimestampsOnRateLimits() {
        assertEquals(Optional.of(Duration.ofSeconds(12)), wait(429, "anthropic-ratelimit-tokens-reset",
                "2026-11-26T17:54:42Z"));
        assertEquals(Optional.empty(), wait(200, "anthropic-ratelimit-tokens-reset", "2026-11-26T17:54:42Z"),
                "a reset time on a success is no reason to wait");
    }

    @Test
    void retryPolicyUsesTheAskedWaitOrFullJitterAndNeverRetriesPermanentFailures() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(250));
        ProviderException rateLimited = new ProviderException(ErrorCode.PROVIDER_RATE_LIMITED, "x", true,
                Duration.ofSeconds(3), null);
        assertEquals(Optional.of(Duration.ofSeconds(3)), policy.delayAfter(rateLimited, 1));
        ProviderException unavailable = new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, "x", true, null, null);
        for (int attempt = 1; attempt <= 5; attempt++) {
            long ceiling = Math.min(250, 100L << (attempt - 1));
            for (int sample = 0; sample < 50; sample++) {
                long ms = policy.delayAfter(unavailable, attempt).orElseThrow().toMillis();
                assertTrue(ms >= 0 && ms <= ceiling, "attempt " + attempt + " waited " + ms);
            }
        }
        assertTrue(policy.delayAfter(new ProviderException(ErrorCode.PROVIDER_AUTH, "x"), 1).isEmpty());
    }

    private static Optional<Duration> wait(int status, String header, String value) {
        return RetryAfterHeaders.of(response(status, Map.of(header, value)), CLOCK);
    }

    private static HttpResponse response(int status, Map<String, String> headers) {
        Map<String, List<String>> all = new HashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new HttpResponse(status, all, new byte[0]);
    }
}
