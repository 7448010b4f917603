package dev.omniarchitect.job;

/**
 * The share of a job's items whose child execution may fail outright (beyond the item's own Catch: an output
 * over 256 KiB, a child aborted) before the Distributed Map, and so the job, fails: template.yaml's
 * ToleratedFailurePercentage. Every item still ends with a result either way.
 */
public final class ToleratedFailures {

    public static final int DEFAULT_PERCENTAGE = 10;
    public static final int MIN_PERCENTAGE = 0;
    public static final int MAX_PERCENTAGE = 100;

    private ToleratedFailures() {
    }
}
