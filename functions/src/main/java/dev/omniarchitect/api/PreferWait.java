package dev.omniarchitect.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 7240 {@code Prefer: wait=N}: how many seconds the client would wait for a sync answer. */
final class PreferWait {

    private static final Pattern WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*\"?([0-9]{1,6})\"?");

    private PreferWait() {
    }

    /** The seconds asked for, at least 1; empty when the request states no wait preference. */
    static Optional<Integer> seconds(ApiRequest request) {
        return request.header("prefer").flatMap(prefer -> {
            Matcher matcher = WAIT.matcher(prefer);
            return matcher.find() ? Optional.of(Math.max(1, Integer.parseInt(matcher.group(1)))) : Optional.empty();
        });
    }
}
