package dev.omniarchitect.local.cli;

import dev.omniarchitect.job.ItemRate;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live progress line on stderr: done/total, cached, failed, elapsed, and while items are ending, their pace
 * over the last minute and the time left at that pace ({@link ItemRate}). On a terminal it redraws in
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
    private volatile Instant startedInstant;
    /** When items were seen to end, the last minute's at most: the pace is measured over them. */
    private final Deque<Instant> endedAt = new ArrayDeque<>();

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
        startedInstant = Instant.now();
        if (terminal) {
            ticker.scheduleAtFixedRate(this::redraw, 0, 250, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The job has that many ended items, failed and cached: never shown as less than before (a job followed
     * onto another engine is counted there from its restart until its record says it all).
     */
    void advanceTo(int doneItems, int failedItems, int cachedItems) {
        int before = done.get();
        boolean moved = doneItems > before;
        done.accumulateAndGet(doneItems, Math::max);
        if (moved) {
            Instant now = Instant.now();
            synchronized (endedAt) {
                for (int i = before; i < doneItems; i++) {
                    endedAt.addLast(now);
                }
                while (!endedAt.isEmpty() && endedAt.peekFirst().isBefore(now.minus(ItemRate.WINDOW))) {
                    endedAt.removeFirst();
                }
            }
        }
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
        String line = String.format("[%d/%d] cached %d  failed %d  %.1fs", done.get(), total, cached.get(),
                failed.get(), elapsed);
        int ended = done.get();
        if (ended == 0 || ended >= total) {
            return line;
        }
        Optional<ItemRate> pace;
        synchronized (endedAt) {
            pace = ItemRate.of(List.copyOf(endedAt), ended, total, startedInstant, Instant.now());
        }
        return pace.map(rate -> line + String.format("  %.1f items/s  about %s left", rate.itemsPerSecond(),
                duration(rate.etaSeconds()))).orElse(line);
    }

    /** Seconds as a person reads them: 45s, 3m 12s, 1h 05m. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
