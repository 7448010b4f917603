package dev.omniarchitect.local.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live progress line on stderr: done/total, cached, failed, elapsed. On a terminal it redraws in
 * place every quarter second; elsewhere (CI logs, pipes) it prints a line when more items have finished, at most
 * about once a second.
 */
final class ProgressLine implements AutoCloseable {

    private final PrintWriter err;
    private final boolean terminal;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger cached = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "omni-progress");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int total;
    private volatile long startedAt;

    ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Whether it redraws in place on a terminal. */
    boolean terminal() {
        return terminal;
    }

    /** Starts showing progress for a batch of that size. */
    void start(int totalItems) {
        total = totalItems;
        startedAt = System.nanoTime();
        if (terminal) {
            ticker.scheduleAtFixedRate(this::redraw, 0, 250, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The job has that many ended items, failed and cached: never shown as less than before (a job followed
     * onto another engine is counted there from its restart until its record says it all).
     */
    void advanceTo(int doneItems, int failedItems, int cachedItems) {
        boolean moved = doneItems > done.get();
        done.accumulateAndGet(doneItems, Math::max);
        failed.accumulateAndGet(failedItems, Math::max);
        cached.accumulateAndGet(cachedItems, Math::max);
        if (moved && !terminal) {
            synchronized (err) {
                err.println(line());
            }
        }
    }

    /** Draws the final state and ends the line. */
    void finish() {
        ticker.shutdownNow();
        if (terminal) {
            synchronized (err) {
                err.print("\r" + line() + "\n");
                err.flush();
            }
        }
    }

    private void redraw() {
        synchronized (err) {
            err.print("\r" + line());
            err.flush();
        }
    }

    private String line() {
        double elapsed = (System.nanoTime() - startedAt) / 1e9;
        return String.format("[%d/%d] cached %d  failed %d  %.1fs", done.get(), total, cached.get(), failed.get(),
                elapsed);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
