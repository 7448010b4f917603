package dev.omniarchitect.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Maps what an HTTP provider call can go through to the stable error codes. */
public final class HttpFailures {

    private HttpFailures() {
    }

    /** The code for an HTTP status a provider answered with (not 2xx). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401, 403 -> ErrorCode.PROVIDER_AUTH;
            case 404 -> ErrorCode.MODEL_NOT_FOUND;
            case 408, 504 -> ErrorCode.PROVIDER_TIMEOUT;
            case 429 -> ErrorCode.PROVIDER_RATE_LIMITED;
            default -> status >= 500 ? ErrorCode.PROVIDER_UNAVAILABLE : ErrorCode.PROVIDER_BAD_REQUEST;
        };
    }

    /** The failure for an exception from the transport, naming the provider. */
    public static ProviderException forThrowable(String provider, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ProviderException known) {
            return known;
        }
        if (cause instanceof TimeoutException || cause instanceof CancellationException) {
            return new ProviderException(ErrorCode.PROVIDER_TIMEOUT, provider + " did not answer in time", cause);
        }
        if (cause instanceof ConnectException) {
            return new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE,
                    provider + " refused the connection: is its endpoint up and reachable?", cause);
        }
        if (cause instanceof IOException) {
            return new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE,
                    provider + " connection failed: " + SecretRedaction.redact(cause.getMessage()), cause);
        }
        if (cause instanceof dev.omniarchitect.http.ResponseTooLargeException) {
            return new ProviderException(ErrorCode.PROVIDER_BAD_RESPONSE, provider + " sent a " + cause.getMessage(), cause);
        }
        return new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE,
                provider + " call failed: " + SecretRedaction.redact(String.valueOf(cause.getMessage())), cause);
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
