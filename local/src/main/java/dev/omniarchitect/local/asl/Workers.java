package dev.omniarchitect.local.asl;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Map's workers: a fixed number of named daemon threads, each taking the next piece of work (an inline Map's
 * iteration, a Distributed Map's child execution) until there is none, so no more pieces than workers are ever
 * in flight. The first failure, or a step that says stop, ends the run: no further piece starts, and those in
 * flight are interrupted.
 */
final class Workers {

    /** What a step did: took a piece of work, found none left, or found that the whole run must stop. */
    enum Next { MORE, DONE, STOP }

    /** One piece of work, taken by whichever worker is free. */
    @FunctionalInterface
    interface Step {
        Next take() throws StatesError, InterruptedException;
    }

    private Workers() {
    }

    /** Runs the step on that many workers until each finds no work left, or until one says stop or fails. */
    static void run(String threadNamePrefix, int workers, Step step) throws StatesError, InterruptedException {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AtomicInteger workersLeft = new AtomicInteger(workers);
        Runnable work = () -> {
            try {
                Next next = Next.MORE;
                while (next == Next.MORE && !finished.isDone()) {
                    next = step.take();
                }
                if (next == Next.STOP || workersLeft.decrementAndGet() == 0) {
                    finished.complete(null);
                }
            } catch (Throwable failure) {
                // Every way out of a worker must settle the run, or the Map would wait forever. Only the
                // first failure counts; later ones come from the interrupts that failure sets off.
                finished.completeExceptionally(failure);
            }
        };
        ExecutorService pool = newPool(threadNamePrefix, workers);
        try {
            for (int i = 0; i < workers; i++) {
                pool.execute(work);
            }
            finished.get();
        } catch (ExecutionException e) {
            throw StatesError.propagate(e);
        } finally {
            stop(pool);
        }
    }

    private static ExecutorService newPool(String threadNamePrefix, int workers) {
        AtomicInteger threadNumber = new AtomicInteger();
        // Each worker is one task, so the queue is never needed and can be as small as the pool.
        return new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(workers),
                task -> {
                    Thread thread = new Thread(task, threadNamePrefix + "-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    // A Map state is over only once none of its workers can still call a function,
    // unless the Map itself is being stopped, which must not wait.
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
