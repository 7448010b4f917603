package dev.omniarchitect.provider;

import dev.omniarchitect.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a provider asks us to wait, from the headers they send: {@code Retry-After} (seconds or an
 * HTTP date), {@code retry-after-ms}, OpenAI's {@code x-ratelimit-reset-*} durations ("1s", "6m0s",
 * "20ms") and Anthropic's {@code anthropic-ratelimit-*-reset} timestamps (RFC 3339).
 */
public final class RetryAfterHeaders {

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final List<String> OPENAI_RESETS = List.of("x-ratelimit-reset-requests", "x-ratelimit-reset-tokens");
    private static final List<String> ANTHROPIC_RESETS = List.of("anthropic-ratelimit-requests-reset",
            "anthropic-ratelimit-tokens-reset", "anthropic-ratelimit-input-tokens-reset",
            "anthropic-ratelimit-output-tokens-reset");

    private RetryAfterHeaders() {
    }

    /** The wait the response asks for, if any; the longest when several headers speak. */
    public static Optional<Duration> of(HttpResponse response, Clock clock) {
        Optional<Duration> explicit = response.header("retry-after-ms").flatMap(RetryAfterHeaders::millis)
                .or(() -> response.header("retry-after").flatMap(value -> retryAfter(value, clock)));
        if (explicit.isPresent()) {
            return explicit;
        }
        Duration longest = null;
        for (String name : OPENAI_RESETS) {
            longest = longer(longest, response.header(name).flatMap(RetryAfterHeaders::goDuration).orElse(null));
        }
        if (response.status() == 429) {
            for (String name : ANTHROPIC_RESETS) {
                longest = longer(longest, response.header(name).flatMap(value -> until(value, clock)).orElse(null));
            }
        }
        return Optional.ofNullable(longest);
    }

    /** Retry-After: delta seconds or an HTTP date. */
    static Optional<Duration> retryAfter(String value, Clock clock) {
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(trimmed) * 1000))).filter(d -> !d.isNegative());
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** A Go-style duration such as "1s", "6m0s", "1h2m3.5s" or "20ms". */
    static Optional<Duration> goDuration(String value) {
        Matcher matcher = GO_DURATION.matcher(value.trim());
        double millis = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                return Optional.empty();
            }
            end = matcher.end();
            double amount = Double.parseDouble(matcher.group(1));
            millis += switch (matcher.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1_000;
                default -> amount;
            };
        }
        return end == value.trim().length() && end > 0 ? Optional.of(Duration.ofMillis(Math.round(millis)))
                : Optional.empty();
    }

    private static Optional<Duration> millis(String value) {
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> until(String timestamp, Clock clock) {
        try {
            Duration wait = Duration.between(clock.instant(), Instant.parse(timestamp.trim()));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration longer(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
