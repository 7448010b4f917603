package dev.omniarchitect.batch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the API runs a batch: in the background (a job to poll) or inside the call. */
public enum RunMode {
    /** Start a job and answer 202 with its id at once. */
    ASYNC,
    /** Run a small batch inside the HTTP call and answer with the job record. */
    SYNC;

    /** The name used in batch documents. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of that document name, if any. */
    public static Optional<RunMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.wireName().equals(name)).findFirst();
    }
}
