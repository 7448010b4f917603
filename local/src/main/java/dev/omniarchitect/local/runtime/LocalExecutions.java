package dev.omniarchitect.local.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.job.ExecutionInput;
import dev.omniarchitect.job.ExecutionStarter;
import dev.omniarchitect.local.asl.ExecutionResult;
import dev.omniarchitect.local.asl.LocalExecutor;
import dev.omniarchitect.local.asl.StateMachineDefinition;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Starts executions of the state machine on this machine, as Step Functions would: named by job id, in the
 * background, stoppable, and each one that ends FAILED, TIMED_OUT or ABORTED reported as EventBridge would.
 */
public final class LocalExecutions implements ExecutionStarter, AutoCloseable {

    private static final int RUNNING_AT_ONCE = 4;
    private static final int WAITING_AT_MOST = 100;

    private final LocalExecutor executor;
    private final StateMachineDefinition definition;
    private final ObjectMapper mapper;
    private final BiConsumer<String, ExecutionResult> onEnded;
    private final ThreadPoolExecutor threads;
    private final Map<String, CompletableFuture<ExecutionResult>> executions = new ConcurrentHashMap<>();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stopped = new ConcurrentHashMap<>();

    /**
     * @param onEnded told of every execution's end, by job id, on the execution's own thread before its
     *                completion is seen (the EventBridge rule on status changes)
     */
    public LocalExecutions(LocalExecutor executor, StateMachineDefinition definition, ObjectMapper mapper,
                           BiConsumer<String, ExecutionResult> onEnded) {
        this.executor = executor;
        this.definition = definition;
        this.mapper = mapper;
        this.onEnded = onEnded;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(RUNNING_AT_ONCE, RUNNING_AT_ONCE, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WAITING_AT_MOST), runnable -> {
                    Thread thread = new Thread(runnable, "omni-execution-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public CompletableFuture<Void> start(ExecutionInput input) {
        if (executions.containsKey(input.jobId())) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "ExecutionAlreadyExists: an execution named " + input.jobId() + " exists"));
        }
        try {
            executions.put(input.jobId(), CompletableFuture.supplyAsync(() -> run(input), threads));
            return CompletableFuture.completedFuture(null);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "ExecutionLimitExceeded: " + WAITING_AT_MOST + " executions are already waiting", e));
        }
    }

    private ExecutionResult run(ExecutionInput input) {
        String name = input.jobId();
        Instant started = Instant.now();
        ExecutionResult result;
        running.put(name, Thread.currentThread());
        try {
            result = stopped.containsKey(name) ? ExecutionResult.aborted(started, Instant.now())
                    : executor.execute(definition, name, mapper.valueToTree(input));
        } catch (CancellationException e) {
            result = ExecutionResult.aborted(started, Instant.now());
        } finally {
            running.remove(name);
            // A stop that came as the execution ended must not interrupt the next one on this thread.
            Thread.interrupted();
        }
        onEnded.accept(name, result);
        return result;
    }

    /**
     * Stops the job's execution, as StopExecution does: it ends ABORTED (Map iterations in flight are
     * interrupted). Returns whether there was an execution still running or waiting to stop.
     */
    public boolean stop(String jobId) {
        CompletableFuture<ExecutionResult> execution = executions.get(jobId);
        if (execution == null || execution.isDone()) {
            return false;
        }
        stopped.put(jobId, Boolean.TRUE);
        Thread thread = running.get(jobId);
        if (thread != null) {
            thread.interrupt();
        }
        return true;
    }

    /** Waits for every execution started so far to end; how each ended, by name. */
    public Map<String, ExecutionResult> awaitAll() {
        Map<String, ExecutionResult> ended = new java.util.TreeMap<>();
        executions.forEach((name, execution) -> ended.put(name, execution.join()));
        return ended;
    }

    /** The end of the execution started for that job. */
    public CompletableFuture<ExecutionResult> completion(String jobId) {
        CompletableFuture<ExecutionResult> execution = executions.get(jobId);
        if (execution == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no execution for job " + jobId));
        }
        return execution;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
