package dev.omniarchitect.local.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether a provider answers: one real request of one output token to its default model, through the
 * provider's own code, bounded in time. An answer cut off at that token still proves the provider
 * answered; only the status of the call is kept, never its text.
 */
final class ProviderCheck {

    /** How long one provider may take to answer the check. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Failures that still mean the provider answered and accepted the credentials. */
    private static final Set<ErrorCode> ANSWERED = Set.of(ErrorCode.PROVIDER_BAD_RESPONSE);

    private ProviderCheck() {
    }

    /** "yes", or "no: CODE" saying why not; blueprint, offline, always answers. */
    static CompletableFuture<String> of(Provider provider, Kind kind) {
        if (BlueprintProvider.NAME.equals(provider.name())) {
            return CompletableFuture.completedFuture("yes (offline)");
        }
        if (!provider.isConfigured()) {
            return CompletableFuture.completedFuture("no: not configured");
        }
        CompletableFuture<?> call;
        try {
            call = provider.generate(new ProviderRequest(kind, provider.defaultModel(), "reply with OK",
                    JsonNodeFactory.instance.objectNode(), 0.0, 1, TIMEOUT));
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.orTimeout(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS).handle((answer, error) -> {
            if (error == null) {
                return "yes";
            }
            ProviderException failure = HttpFailures.forThrowable(provider.name(), error);
            return ANSWERED.contains(failure.code()) ? "yes" : "no: " + failure.code().name();
        });
    }
}
