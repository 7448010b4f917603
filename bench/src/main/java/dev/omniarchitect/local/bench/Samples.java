package dev.omniarchitect.local.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured values of one figure, in milliseconds, and the order statistics the report quotes. */
public final class Samples {

    private final List<Double> values = new ArrayList<>();

    /** Adds one measurement. */
    public synchronized void add(double millis) {
        values.add(millis);
    }

    /** Adds one measurement taken as two {@link System#nanoTime()} readings. */
    public void addNanos(long startNanos, long endNanos) {
        add((endNanos - startNanos) / 1e6);
    }

    /** Adds every measurement of another. */
    public void addAll(Samples other) {
        other.values().forEach(this::add);
    }

    public synchronized int size() {
        return values.size();
    }

    /** Every value, in the order measured. */
    public synchronized List<Double> values() {
        return List.copyOf(values);
    }

    public double median() {
        return percentile(50);
    }

    /**
     * The nearest-rank percentile: the smallest measured value with at least p% of the values at or
     * below it, so every figure quoted is one that was actually measured. NaN when there are none.
     */
    public synchronized double percentile(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
