package dev.omniarchitect.provider;

import java.util.concurrent.CompletableFuture;

/**
 * A source of answers. Implementations never block the calling thread: the future completes on the
 * HTTP client's threads (or at once, offline), and fails only with a {@link ProviderException}.
 */
public interface Provider {

    /** The name used in batch documents, e.g. {@code openai}. */
    String name();

    /** The model used when neither the item nor the document names one. */
    String defaultModel();

    /** Whether this machine has what the provider needs (a key, an endpoint). */
    boolean isConfigured();

    /** Where the configuration comes from, for help texts; never the secret itself. */
    String configurationSource();

    /** Asks for one answer. */
    CompletableFuture<ProviderAnswer> generate(ProviderRequest request);
}
