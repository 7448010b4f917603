package dev.omniarchitect.local.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that runs with real time, plus an offset tests can move forward (to expire cache entries). */
public final class MutableClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    /** Moves every later reading forward by that much. */
    public void advance(Duration duration) {
        offsetMillis.addAndGet(duration.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("always UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis.get());
    }
}
