package dev.omniarchitect.provider;

import dev.omniarchitect.http.HttpResponse;
import dev.omniarchitect.http.ResponseTooLargeException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Maps what an HTTP provider call can go through to the stable error codes, and says what is worth retrying. */
public final class HttpFailures {

    /** Statuses another attempt may cure: rate limits, gateway trouble, overload (Anthropic's 529). */
    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504, 529);

    /** Anthropic's "overloaded": a throttle, for the shared limit, though not a rate limit. */
    private static final int OVERLOADED = 529;

    private HttpFailures() {
    }

    /** The code for an HTTP status a provider answered with (not 2xx). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401, 403 -> ErrorCode.PROVIDER_AUTH;
            case 404 -> ErrorCode.MODEL_NOT_FOUND;
            case 408 -> ErrorCode.PROVIDER_TIMEOUT;
            case 429 -> ErrorCode.PROVIDER_RATE_LIMITED;
            default -> status >= 500 ? ErrorCode.PROVIDER_UNAVAILABLE : ErrorCode.PROVIDER_BAD_REQUEST;
        };
    }

    /** Whether a status is worth another attempt. */
    public static boolean isRetryable(int status) {
        return RETRYABLE.contains(status);
    }

    /**
     * The failure for an error response: its code, whether to retry, the wait the provider asked for, and
     * the provider's error codes or types (never its message text: see {@link ProviderErrorText}).
     */
    public static ProviderException forResponse(String provider, HttpResponse response, List<String> providerCodes,
                                                Clock clock) {
        int status = response.status();
        ErrorCode code = forStatus(status);
        return new ProviderException(code, ProviderErrorText.of(provider, status, providerCodes, code),
                isRetryable(status), RetryAfterHeaders.of(response, clock).orElse(null), null,
                status == 429 || status == OVERLOADED);
    }

    /** The failure for an exception from the transport, naming the provider. */
    public static ProviderException forThrowable(String provider, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ProviderException known) {
            return known;
        }
        if (cause instanceof TimeoutException || cause instanceof CancellationException) {
            return new ProviderException(ErrorCode.PROVIDER_TIMEOUT, provider + " did not answer in time", true, null,
                    cause);
        }
        if (cause instanceof ConnectException) {
            return new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE,
                    provider + " refused the connection: is its endpoint up and reachable?", true, null, cause);
        }
        if (cause instanceof ResponseTooLargeException) {
            return new ProviderException(ErrorCode.PROVIDER_BAD_RESPONSE, provider + " sent a " + cause.getMessage(),
                    cause);
        }
        // Connection resets, read timeouts and other transport trouble: worth another attempt.
        String kind = cause instanceof IOException ? "connection failed" : "call failed";
        return new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE,
                provider + " " + kind + ": " + SecretRedaction.redact(String.valueOf(cause.getMessage())), true, null,
                cause);
    }

    /** The root of CompletionException and ExecutionException wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
