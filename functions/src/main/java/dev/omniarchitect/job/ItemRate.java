package dev.omniarchitect.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * How fast a running job's items are ending, over its last minute, and how long the rest will take at that pace:
 * the window follows the job's pace as it changes (a burst of cache hits at first, then provider calls, or a
 * provider that slows down), where a rate since the start would keep the first minute's pace forever.
 *
 * @param itemsPerSecond  items ended per second over the window (or since the start, when that is shorter)
 * @param etaSeconds      seconds until every item has ended at that pace, rounded up
 */
public record ItemRate(double itemsPerSecond, long etaSeconds) {

    /** How far back the pace is measured. */
    public static final Duration WINDOW = Duration.ofSeconds(60);

    /**
     * The pace of a job of {@code total} items, {@code done} of them ended, started at {@code startedAt}, whose
     * items ended at those times (in any order; those of unknown end left out), as of {@code now}; empty when no
     * item ended within the window, so there is no pace to go by.
     */
    public static Optional<ItemRate> of(Collection<Instant> endedAt, int done, int total, Instant startedAt,
                                        Instant now) {
        Instant windowStart = now.minus(WINDOW);
        if (startedAt != null && startedAt.isAfter(windowStart)) {
            windowStart = startedAt;
        }
        Instant from = windowStart;
        long recent = endedAt.stream().filter(ended -> !ended.isBefore(from) && !ended.isAfter(now)).count();
        double seconds = Duration.between(windowStart, now).toMillis() / 1000.0;
        if (recent == 0 || seconds <= 0) {
            return Optional.empty();
        }
        double perSecond = recent / seconds;
        long remaining = Math.max(0, total - done);
        return Optional.of(new ItemRate(Math.round(perSecond * 100) / 100.0,
                (long) Math.ceil(remaining / perSecond)));
    }
}
