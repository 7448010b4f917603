package dev.omniarchitect.provider;

/**
 * What a provider answered.
 *
 * @param text          the answer's Markdown text
 * @param model         the model that actually served it, as the provider reports it
 * @param usage         tokens in and out; zero where the provider does not report them
 * @param finishReason  why generation stopped, as the provider says it ("stop", "length", ...)
 * @param limits        what the answer's rate-limit headers say ({@link RateLimitHeaders}): whether the
 *                      provider is nearly out, which lowers its shared limit, and its token budget
 */
public record ProviderAnswer(String text, String model, Usage usage, String finishReason, RateLimits limits) {

    /** An answer that says nothing of the provider's rate limits. */
    public ProviderAnswer(String text, String model, Usage usage, String finishReason) {
        this(text, model, usage, finishReason, RateLimits.NONE);
    }

    /** The same answer, with what its rate-limit headers say. */
    public ProviderAnswer limits(RateLimits said) {
        return new ProviderAnswer(text, model, usage, finishReason, said);
    }

    /** Whether the answer's rate-limit headers say the provider is nearly out of requests or tokens. */
    public boolean nearLimit() {
        return limits.nearLimit();
    }
}
