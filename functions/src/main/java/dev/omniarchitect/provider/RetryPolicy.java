package dev.omniarchitect.provider;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a provider again: exponential backoff with full jitter (a random wait between zero and
 * {@code base * 2^(attempt-1)}, capped), or exactly the wait the provider asked for.
 *
 * @param baseDelay  the first backoff ceiling
 * @param maxDelay   no backoff waits longer
 */
public record RetryPolicy(Duration baseDelay, Duration maxDelay) {

    /** 0.5 s doubling up to 20 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(20));

    /** The wait before attempt {@code failedAttempts + 1}, or empty when the failure is not worth retrying. */
    public Optional<Duration> delayAfter(ProviderException failure, int failedAttempts) {
        if (!failure.retryable()) {
            return Optional.empty();
        }
        if (failure.retryAfter().isPresent()) {
            return failure.retryAfter();
        }
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, failedAttempts - 1));
        return Optional.of(Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1)));
    }
}
