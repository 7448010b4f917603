package dev.omniarchitect.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.omniarchitect.json.Json;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRequest;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/** Requests to, and failures from, a provider under test. */
public final class ProviderCalls {

    private ProviderCalls() {
    }

    /** A Dockerfile request for that model: prompt "build a Dockerfile", temperature 0.2, 1000 tokens, 5 s. */
    public static ProviderRequest dockerfile(String model) {
        return new ProviderRequest(KindRegistry.builtIn().get("dockerfile"), model, "build a Dockerfile",
                Json.mapper().createObjectNode(), 0.2, 1000, Duration.ofSeconds(5));
    }

    /** The ProviderException the call fails with. */
    public static ProviderException failure(Provider provider, ProviderRequest request) {
        CompletionException e = assertThrows(CompletionException.class, () -> provider.generate(request).join());
        return assertInstanceOf(ProviderException.class, e.getCause());
    }
}
