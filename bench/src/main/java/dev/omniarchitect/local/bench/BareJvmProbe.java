package dev.omniarchitect.local.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * The main of the bench's baseline JVM: it notes how long after its launch it got control, and exits.
 * Arguments: {@code LAUNCH_EPOCH_MICROS RESULT_FILE}.
 */
public final class BareJvmProbe {

    private BareJvmProbe() {
    }

    public static void main(String[] args) throws IOException {
        finish(started(Long.parseLong(args[0])), Path.of(args[1]));
    }

    /** The start of a probe's result: the time from the launch (epoch microseconds) to now. */
    static Properties started(long launchedEpochMicros) {
        Instant now = Instant.now();
        Properties result = new Properties();
        Duration sinceLaunch = Duration.between(Instant.EPOCH.plusNanos(launchedEpochMicros * 1000), now);
        result.setProperty("jvmStartMs", Double.toString(sinceLaunch.toNanos() / 1e6));
        return result;
    }

    /** Adds the peak memory, writes the result and ends the JVM (Netty's event loop threads are not daemons). */
    static void finish(Properties result, Path resultFile) throws IOException {
        result.setProperty("peakRssKb", Long.toString(PeakMemory.peakRssKb()));
        try (OutputStream out = Files.newOutputStream(resultFile)) {
            result.store(out, "bench probe");
        }
        System.exit(0);
    }
}
