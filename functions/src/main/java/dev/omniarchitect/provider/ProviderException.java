package dev.omniarchitect.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure with a stable code and a message fit to show a user (no secrets, no answer bodies), saying
 * whether trying again may help and, when the provider said so, how long to wait first.
 */
public final class ProviderException extends RuntimeException {

    private final ErrorCode code;
    private final boolean retryable;
    private final Duration retryAfter;
    private final boolean throttled;

    public ProviderException(ErrorCode code, String message) {
        this(code, message, code.retryable(), null, null);
    }

    public ProviderException(ErrorCode code, String message, Throwable cause) {
        this(code, message, code.retryable(), null, cause);
    }

    public ProviderException(ErrorCode code, String message, boolean retryable, Duration retryAfter, Throwable cause) {
        this(code, message, retryable, retryAfter, cause, code == ErrorCode.PROVIDER_RATE_LIMITED);
    }

    /** As above, saying whether the provider refused the call for load (429, Anthropic's 529 overloaded). */
    public ProviderException(ErrorCode code, String message, boolean retryable, Duration retryAfter, Throwable cause,
                             boolean throttled) {
        super(message, cause, false, false);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.throttled = throttled;
    }

    public ErrorCode code() {
        return code;
    }

    /** Whether another attempt at the same provider may succeed (429, 5xx, resets, read timeouts). */
    public boolean retryable() {
        return retryable;
    }

    /** Whether the provider refused the call for load, which lowers its shared limit. */
    public boolean throttled() {
        return throttled;
    }

    /** How long the provider asked us to wait (Retry-After, rate-limit reset headers), if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
