package dev.omniarchitect.provider;

/**
 * What a provider answered.
 *
 * @param text          the answer's Markdown text
 * @param model         the model that actually served it, as the provider reports it
 * @param usage         tokens in and out; zero where the provider does not report them
 * @param finishReason  why generation stopped, as the provider says it ("stop", "length", ...)
 * @param nearLimit     whether the answer's rate-limit headers say the provider is nearly out of requests or
 *                      tokens ({@link RateLimitHeaders}), which lowers its shared limit
 */
public record ProviderAnswer(String text, String model, Usage usage, String finishReason, boolean nearLimit) {

    /** An answer that says nothing of the provider's rate limits. */
    public ProviderAnswer(String text, String model, Usage usage, String finishReason) {
        this(text, model, usage, finishReason, false);
    }

    /** The same answer, saying whether the provider is nearly out. */
    public ProviderAnswer nearLimit(boolean near) {
        return new ProviderAnswer(text, model, usage, finishReason, near);
    }
}
