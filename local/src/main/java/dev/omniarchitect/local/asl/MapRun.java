package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of an inline Map's iterations: a fixed number of named daemon workers take items in
 * order, so no more iterations than workers are ever in flight, and the outputs keep item order.
 * The first failure stops the run: no further iteration starts, and those in flight are interrupted.
 */
final class MapRun {
    /** One iteration, given the index of its item. */
    interface Iteration {
        JsonNode run(int index) throws StatesError, InterruptedException;
    }

    private final String threadNamePrefix;
    private final int workers;
    private final Iteration iteration;
    private final JsonNode[] outputs;
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final AtomicInteger workersLeft;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    MapRun(String threadNamePrefix, int workers, int itemCount, Iteration iteration) {
        this.threadNamePrefix = threadNamePrefix;
        this.workers = Math.min(workers, itemCount);
        this.iteration = iteration;
        this.outputs = new JsonNode[itemCount];
        this.workersLeft = new AtomicInteger(this.workers);
    }

    List<JsonNode> run() throws StatesError, InterruptedException {
        if (outputs.length == 0) {
            return List.of();
        }
        ExecutorService pool = newPool();
        try {
            for (int i = 0; i < workers; i++) {
                pool.execute(this::work);
            }
            finished.get();
        } catch (ExecutionException e) {
            throw StatesError.propagate(e);
        } finally {
            stop(pool);
        }
        return Arrays.asList(outputs);
    }

    private void work() {
        try {
            for (int index = nextIndex.getAndIncrement(); index < outputs.length && !finished.isDone();
                    index = nextIndex.getAndIncrement()) {
                outputs[index] = iteration.run(index);
            }
            if (workersLeft.decrementAndGet() == 0) {
                finished.complete(null);
            }
        } catch (Throwable failure) {
            // Every way out of a worker must settle the run, or the Map would wait forever. Only the
            // first failure counts; later ones come from the interrupts that failure sets off.
            finished.completeExceptionally(failure);
        }
    }

    private ExecutorService newPool() {
        AtomicInteger threadNumber = new AtomicInteger();
        // Each worker is one task, so the queue is never needed and can be as small as the pool.
        return new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(workers),
                task -> {
                    Thread thread = new Thread(task, threadNamePrefix + "-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    // A Map state is over only once none of its iterations can still call a function,
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
