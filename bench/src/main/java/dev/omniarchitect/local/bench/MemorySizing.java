package dev.omniarchitect.local.bench;

/**
 * How the bench turns a function's figures into a MemorySize. Lambda gives CPU in proportion to memory
 * (one vCPU at 1,769 MB), and bills GB-seconds, so: a function whose invocations make up a real share
 * of the bill gets the smallest size with room for twice its peak RSS, never under 512 MB (below that
 * its CPU-bound moments crawl); a function too rare to matter to the bill gets at least 1,024 MB, for
 * CPU, because its latency is what users or the job wait on.
 */
final class MemorySizing {

    static final int FLOOR_MB = 512;
    static final int RARE_FUNCTION_MB = 1024;
    /** Below this share of the GB-seconds, a function's memory hardly changes the bill. */
    static final double RARE_SHARE = 0.05;
    private static final int STEP_MB = 128;

    private MemorySizing() {
    }

    /** The MemorySize the figures call for. */
    static int recommend(double peakRssMb, double shareOfGbSeconds) {
        int fits = (int) Math.ceil(2 * peakRssMb / STEP_MB) * STEP_MB;
        int size = Math.max(FLOOR_MB, fits);
        return shareOfGbSeconds < RARE_SHARE ? Math.max(size, RARE_FUNCTION_MB) : size;
    }
}
