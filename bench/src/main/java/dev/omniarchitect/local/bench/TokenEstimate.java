package dev.omniarchitect.local.bench;

/**
 * Tokens estimated from text length at about four characters per token, the rule of thumb OpenAI
 * gives for English text. Code and YAML often take more tokens per character, so this errs low.
 */
public final class TokenEstimate {

    /** Characters per token assumed. */
    public static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {
    }

    /** The estimated tokens of that many characters, rounded up. */
    public static long of(long characters) {
        return (characters + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
