package dev.omniarchitect.job;

/**
 * Provider calls in flight at most per job: the state machine Map's MaxConcurrency. The template's
 * {@code MaxConcurrency} parameter, sync mode's lanes, the local pipeline and the command line's
 * {@code --concurrency} all take their default and bounds from here (a test holds the template to them).
 */
public final class MaxConcurrency {

    /** As deployed unless the stack says otherwise; sync mode always runs this many lanes. */
    public static final int DEFAULT = 3;
    public static final int MIN = 1;
    public static final int MAX = 40;

    private MaxConcurrency() {
    }

    /** Whether a stack or a run may use that many calls in flight. */
    public static boolean allows(int value) {
        return value >= MIN && value <= MAX;
    }
}
