package dev.omniarchitect.local.bench;

import java.util.List;

/**
 * Fan-out of one batch size: what it took against what three calls in flight allow.
 *
 * @param items           batch size N
 * @param latencyMs       the provider's latency per call, L
 * @param maxConcurrency  calls in flight at most, C
 * @param sequentialMs    N x L: one call at a time
 * @param idealMs         ceil(N / C) x L: C calls in flight with no overhead at all
 * @param wallsMs         every measured run, submit to job record in hand
 * @param medianWallMs    their median
 * @param medianExecutionMs the median of the state machine's execution alone (Map and Aggregate), without
 *                        storing the job before it and reading the record after it
 * @param peakInFlight    the most calls the provider saw at once
 */
public record FanOutFigure(int items, long latencyMs, int maxConcurrency, long sequentialMs, long idealMs,
                           List<Double> wallsMs, double medianWallMs, double medianExecutionMs, int peakInFlight) {

    /** Target: at most this much over the ideal for N of at least {@link #TARGET_FROM_ITEMS}. */
    public static final double TARGET_EFFICIENCY = 1.10;
    public static final int TARGET_FROM_ITEMS = 10;

    public FanOutFigure {
        wallsMs = List.copyOf(wallsMs);
    }

    static FanOutFigure of(int items, long latencyMs, int maxConcurrency, Samples walls, double medianExecutionMs,
                           int peakInFlight) {
        long rounds = (items + maxConcurrency - 1) / maxConcurrency;
        return new FanOutFigure(items, latencyMs, maxConcurrency, items * latencyMs, rounds * latencyMs,
                walls.values(), walls.median(), medianExecutionMs, peakInFlight);
    }

    /** Measured wall over ideal wall: 1.00 is perfect. */
    public double efficiency() {
        return medianWallMs / idealMs;
    }

    /** Sequential wall over measured wall. */
    public double speedup() {
        return sequentialMs / medianWallMs;
    }

    /** N / ceil(N / C): the speedup with no overhead. */
    public double idealSpeedup() {
        return (double) sequentialMs / idealMs;
    }

    /** Whether this size is one the target applies to, and meets it (within 10% of the ideal both ways). */
    public boolean meetsTarget() {
        return efficiency() <= TARGET_EFFICIENCY && speedup() >= idealSpeedup() / TARGET_EFFICIENCY;
    }
}
