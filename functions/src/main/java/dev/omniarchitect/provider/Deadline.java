package dev.omniarchitect.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The moment an item's time is up: attempts, waits between them and fallbacks all fit before it. */
public record Deadline(Instant end, Clock clock) {

    /** The deadline that far from now. */
    public static Deadline in(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    /** Time left; zero once passed. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether a wait of that length still leaves time for an attempt. */
    public boolean allows(Duration wait) {
        return remaining().compareTo(wait) > 0;
    }
}
