package dev.omniarchitect.provider;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What may be said about a provider's error answer: its HTTP status, the provider's own error code or type
 * (when it is a short identifier), and a fixed sentence of ours per code. The provider's message text is
 * never kept: providers quote the request in it (a prompt, a key), and it would reach logs, stored job
 * records and terminals.
 */
public final class ProviderErrorText {

    /** A provider error code or type worth naming: an identifier, never free text. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");

    private ProviderErrorText() {
    }

    /** e.g. {@code openai answered HTTP 400 (invalid_request_error): the provider refused the request as invalid; ...}. */
    public static String of(String provider, int status, List<String> providerCodes, ErrorCode code) {
        String named = providerCodes.stream()
                .filter(Objects::nonNull)
                .filter(candidate -> IDENTIFIER.matcher(candidate).matches())
                .distinct()
                .collect(Collectors.joining(", "));
        return provider + " answered HTTP " + status + (named.isEmpty() ? "" : " (" + named + ")") + ": "
                + sentence(code);
    }

    /** Our fixed explanation of a code. */
    static String sentence(ErrorCode code) {
        return switch (code) {
            case PROVIDER_AUTH -> "the provider refused the credentials; check the key or the IAM permission";
            case PROVIDER_BAD_REQUEST -> "the provider refused the request as invalid; check the item's model, "
                    + "options and prompt";
            case MODEL_NOT_FOUND -> "the provider does not know this model; check the model id";
            case PROVIDER_RATE_LIMITED -> "the provider is limiting the rate of calls; try again later or lower "
                    + "the concurrency";
            case PROVIDER_TIMEOUT -> "the provider timed out";
            case PROVIDER_UNAVAILABLE -> "the provider is unavailable or overloaded; try again later";
            default -> "the provider could not answer";
        };
    }
}
