package dev.omniarchitect.limit;

import dev.omniarchitect.provider.Deadline;
import java.time.Duration;
import java.util.Optional;

/** One acquisition: what it waits for and within which bounds. */
record Wanted(String provider, int ceiling, long tokens, Deadline deadline, Optional<Duration> patience,
              long startMs) {
}
