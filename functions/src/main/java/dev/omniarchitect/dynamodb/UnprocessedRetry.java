package dev.omniarchitect.dynamodb;

import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What DynamoDB leaves unprocessed in a batch call, tried again with a bounded, non-blocking backoff. */
final class UnprocessedRetry {

    static final int MAX_RETRIES = 8;

    private UnprocessedRetry() {
    }

    /**
     * {@code again} after a backoff that doubles from 50 ms up to 2 s, or STORAGE_UNAVAILABLE once {@code attempt}
     * retries were made and {@code left} requests ({@code what}) are still unprocessed.
     */
    static <T> CompletableFuture<T> after(int attempt, int left, String what, Supplier<CompletableFuture<T>> again) {
        if (attempt >= MAX_RETRIES) {
            throw new CompletionException(new ProviderException(ErrorCode.STORAGE_UNAVAILABLE,
                    left + " " + what + " stayed unprocessed after " + attempt + " retries"));
        }
        long delayMs = Math.min(2_000, 50L << attempt);
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS))
                .thenCompose(waited -> again.get());
    }
}
