package dev.omniarchitect.local.runtime;

import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.job.ItemRunner;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's function work in flight, its executions' invocations and its sync calls' items alike: a stopping
 * engine lets in no more and waits, within a bound, for what is in flight to end (and record its result).
 */
final class InvocationGate {

    private final Object lock = new Object();
    private int inFlight;
    private boolean stopping;

    /** Counts one more in flight; false, counting nothing, once the engine is stopping. */
    boolean enter() {
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    /** One fewer in flight. */
    void exit() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    /**
     * Lets in no more, then waits up to {@code bound} for those in flight to end.
     *
     * @return how many were still in flight when the bound passed (0 when all ended)
     */
    int close(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (lock) {
            stopping = true;
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return inFlight;
        }
    }

    /**
     * A sync call's items through this gate: each counts while it runs; once the engine is stopping, an item
     * does not start (its call hands it over, and the job waits for the next start).
     */
    ItemRunner guard(ItemRunner runner) {
        return (jobId, itemId, notAfter) -> {
            if (!enter()) {
                return CompletableFuture.completedFuture(Optional.<ItemOutcome>empty());
            }
            CompletableFuture<Optional<ItemOutcome>> run;
            try {
                run = runner.run(jobId, itemId, notAfter);
            } catch (RuntimeException e) {
                exit();
                throw e;
            }
            return run.whenComplete((outcome, error) -> exit());
        };
    }
}
