package dev.omniarchitect.job;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** New job ids: time-ordered and unique, valid as Step Functions execution names. */
public final class JobIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public JobIds(Clock clock) {
        this.clock = clock;
    }

    /** A fresh id such as {@code 20261126-175432-3f9a1c2b}; called per request, never at init (SnapStart). */
    public String next() {
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        return TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
    }

    /** Whether the text has the form of a job id. */
    public static boolean isWellFormed(String jobId) {
        return jobId != null && jobId.matches("[0-9]{8}-[0-9]{6}-[0-9a-f]{8}");
    }
}
