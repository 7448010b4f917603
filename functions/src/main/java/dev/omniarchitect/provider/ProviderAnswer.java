package dev.omniarchitect.provider;

/**
 * What a provider answered.
 *
 * @param text          the answer's Markdown text
 * @param model         the model that actually served it, as the provider reports it
 * @param usage         tokens in and out; zero where the provider does not report them
 * @param finishReason  why generation stopped, as the provider says it ("stop", "length", ...)
 */
public record ProviderAnswer(String text, String model, Usage usage, String finishReason) {
}
