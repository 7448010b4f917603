package dev.omniarchitect.local.asl;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** One entry of a state's Retry field. */
record Retrier(ErrorMatcher errors, int intervalSeconds, int maxAttempts, double backoffRate,
               Optional<Integer> maxDelaySeconds, boolean fullJitter) {
    private static final Set<String> FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
            "MaxDelaySeconds", "JitterStrategy", "Comment");

    static Retrier parse(FieldReader where, boolean last) {
        where.allowOnly(FIELDS);
        double backoffRate = 2.0;
        if (where.has("BackoffRate")) {
            if (!where.value("BackoffRate").isNumber() || where.value("BackoffRate").doubleValue() < 1.0) {
                throw where.invalid("BackoffRate", "must be a number of at least 1.0");
            }
            backoffRate = where.value("BackoffRate").doubleValue();
        }
        String jitter = where.optionalString("JitterStrategy").orElse("NONE");
        if (!jitter.equals("FULL") && !jitter.equals("NONE")) {
            throw where.invalid("JitterStrategy", "must be FULL or NONE");
        }
        return new Retrier(ErrorMatcher.parse(where, last),
                where.optionalCount("IntervalSeconds", 1).orElse(1),
                where.optionalCount("MaxAttempts", 0).orElse(3),
                backoffRate,
                where.optionalCount("MaxDelaySeconds", 1),
                jitter.equals("FULL"));
    }

    /** The wait before retry number retriesSoFar + 1 of this retrier, scaled for tests. */
    Duration delay(int retriesSoFar, double scale) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retriesSoFar);
        if (maxDelaySeconds.isPresent()) {
            seconds = Math.min(seconds, maxDelaySeconds.get());
        }
        if (fullJitter) {
            seconds = ThreadLocalRandom.current().nextDouble() * seconds;
        }
        return Duration.ofNanos((long) (seconds * scale * 1e9));
    }
}
