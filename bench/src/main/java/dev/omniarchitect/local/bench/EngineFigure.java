package dev.omniarchitect.local.bench;

import java.util.Map;

/**
 * The local engine as users meet it: whole {@code ./omni} processes against {@code ./omni --help} timed in
 * the same run, and uncached jobs on a fresh engine and on a warm one.
 *
 * @param runs              processes behind each whole-process median
 * @param helpMs            {@code ./omni --help}, median
 * @param runningMs         a fully cached {@code ./omni run} of the sample with the engine running, median
 * @param fromNothingMs     the same with no engine running (the run starts one), median
 * @param runningPhasesMs   where the running figure's time goes (start, check, connect, job, output), medians
 * @param fromNothingPhasesMs the same for the from-nothing figure: its connect is the engine's start
 * @param items             items of the uncached job
 * @param latencyMs         the loopback provider's latency per call for the uncached job
 * @param idealMs           ceil(items / 3) x latency: the uncached job's wall with nothing but provider time
 * @param engines           fresh engines behind the cold median
 * @param coldJobMs         the first job of a fresh engine, wall, median over the fresh engines
 * @param warmJobMs         later jobs on the same engine, wall, median
 */
public record EngineFigure(int runs, double helpMs, double runningMs, double fromNothingMs,
                           Map<String, Double> runningPhasesMs, Map<String, Double> fromNothingPhasesMs, int items,
                           long latencyMs, double idealMs, int engines, double coldJobMs, double warmJobMs) {

    /** With the engine running, a cached run takes at most this many times {@code --help}. */
    public static final double TARGET_RUNNING_RATIO = 2.0;
    /** From nothing, at most this many times {@code --help}. */
    public static final double TARGET_FROM_NOTHING_RATIO = 6.0;
    /** A fresh engine's first uncached job, at most this many times the ideal. */
    public static final double TARGET_COLD_RATIO = 1.25;
    /** Later jobs, at most this many times the ideal. */
    public static final double TARGET_WARM_RATIO = 1.10;

    public double runningRatio() {
        return runningMs / helpMs;
    }

    public double fromNothingRatio() {
        return fromNothingMs / helpMs;
    }

    public double coldRatio() {
        return coldJobMs / idealMs;
    }

    public double warmRatio() {
        return warmJobMs / idealMs;
    }
}
