package dev.omniarchitect.limit;

import dev.omniarchitect.provider.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One acquisition: what it waits for and within which bounds. */
record Wanted(String provider, int ceiling, long tokens, Deadline deadline, Optional<Duration> patience,
              long startMs) {

    /**
     * When a lease taken for it at {@code now} expires by itself: its call's deadline plus {@code margin}, for the
     * give-back to arrive.
     */
    Instant leaseExpiry(Instant now, Duration margin) {
        return now.plus(deadline.remaining()).plus(margin);
    }

    /** Whether a wait of {@code waitMs} more, after {@code waitedMs} already, stays within its patience (if any). */
    boolean withinPatience(long waitedMs, long waitMs) {
        return patience.isEmpty() || waitedMs + waitMs <= patience.get().toMillis();
    }
}
