package dev.omniarchitect.local.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.limit.ProviderLimiter;
import dev.omniarchitect.provider.Deadline;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether a provider answers: one real request of one output token to its default model, through the
 * provider's own code, bounded in time, and like any call under the provider's shared limit: it takes a lease
 * first (waiting out a pause or a full limit within its time) and what the provider answers moves the limit.
 * An answer cut off at that token still proves the provider answered; only the status of the call is kept,
 * never its text.
 */
public final class ProviderCheck {

    /** How long one provider may take to answer the check, its wait for a lease included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Failures that still mean the provider answered and accepted the credentials. */
    private static final Set<ErrorCode> ANSWERED = Set.of(ErrorCode.PROVIDER_BAD_RESPONSE);
    /** The tokens the check may use: its prompts, and the one token it asks for. */
    private static final long TOKENS = 1_000;

    private ProviderCheck() {
    }

    /** "yes", or "no: CODE" saying why not; blueprint, offline, always answers. */
    public static CompletableFuture<String> of(Provider provider, Kind kind, ProviderLimiter limiter, Clock clock) {
        if (BlueprintProvider.NAME.equals(provider.name())) {
            return CompletableFuture.completedFuture("yes (offline)");
        }
        if (!provider.isConfigured()) {
            return CompletableFuture.completedFuture("no: not configured");
        }
        Deadline deadline = Deadline.in(TIMEOUT, clock);
        return limiter.acquire(provider.name(), TOKENS, deadline, Optional.empty()).thenCompose(lease -> {
            CompletableFuture<ProviderAnswer> call;
            try {
                call = provider.generate(new ProviderRequest(kind, provider.defaultModel(), "reply with OK",
                        JsonNodeFactory.instance.objectNode(), 0.0, 1, deadline.remaining()));
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            return call.orTimeout(deadline.remaining().toMillis() + 1_000, TimeUnit.MILLISECONDS)
                    .handle((answer, error) -> error == null
                            ? limiter.release(lease, answer).thenApply(given -> "yes")
                            : limiter.release(lease, HttpFailures.forThrowable(provider.name(), error))
                                    .thenApply(given -> verdict(provider, error)))
                    .thenCompose(verdict -> verdict);
        }).exceptionally(error -> verdict(provider, error));
    }

    private static String verdict(Provider provider, Throwable error) {
        ProviderException failure = HttpFailures.forThrowable(provider.name(), error);
        return ANSWERED.contains(failure.code()) ? "yes" : "no: " + failure.code().name();
    }
}
