package dev.omniarchitect.local.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.job.ExecutionInput;
import dev.omniarchitect.job.ExecutionRefusedException;
import dev.omniarchitect.job.ExecutionStarter;
import dev.omniarchitect.local.asl.ExecutionResult;
import dev.omniarchitect.local.asl.LocalExecutor;
import dev.omniarchitect.local.asl.StateMachineDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Starts executions of the state machine on this machine, as Step Functions would: named by job id, in
 * the background, stoppable, at most {@link ExecutionLimit} at once, and each one that ends FAILED,
 * TIMED_OUT or ABORTED reported as EventBridge would. A new execution starts at once or is refused
 * ({@link ExecutionRefusedException}: the API answers 429 and keeps nothing), so no job waits behind
 * another's slow items; executions resumed at start wait their turn in a queue, holding no thread.
 */
public final class LocalExecutions implements ExecutionStarter, AutoCloseable {

    /** What a refused caller is told to wait: items take seconds, so a slot frees within that. */
    static final int RETRY_AFTER_FULL_SECONDS = 2;
    /** What callers are told while the engine stops: a restart takes a few seconds. */
    static final int RETRY_AFTER_STOPPING_SECONDS = 5;
    /** Ended executions remembered for {@link #completion}; older ones are forgotten (their jobs are stored). */
    private static final int ENDED_KEPT = 256;

    private final LocalExecutor executor;
    private final StateMachineDefinition definition;
    private final ObjectMapper mapper;
    private final EngineInvoker invoker;
    private final int limit;
    private final BiConsumer<String, ExecutionResult> onEnded;
    private final ThreadPoolExecutor threads;
    private final Map<String, CompletableFuture<ExecutionResult>> open = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<ExecutionResult>> ended = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<ExecutionResult>> eldest) {
            return size() > ENDED_KEPT;
        }
    };
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final Queue<ExecutionInput> waiting = new ArrayDeque<>();
    private int admitted;
    private volatile boolean stopping;

    /**
     * @param onEnded told of every execution's end, by job id, on the execution's own thread before its
     *                completion is seen (the EventBridge rule on status changes); not told of those a
     *                stopping engine cut short, whose jobs stay unfinished for the next start
     */
    LocalExecutions(LocalExecutor executor, StateMachineDefinition definition, ObjectMapper mapper,
                    EngineInvoker invoker, int limit, BiConsumer<String, ExecutionResult> onEnded) {
        this.executor = executor;
        this.definition = definition;
        this.mapper = mapper;
        this.invoker = invoker;
        this.limit = limit;
        this.onEnded = onEnded;
        AtomicInteger count = new AtomicInteger();
        // Only admitted executions are handed over, at most `limit`, so the pool never needs a queue.
        this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "omni-execution-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public CompletableFuture<Void> start(ExecutionInput input) {
        CompletableFuture<ExecutionResult> execution;
        synchronized (this) {
            if (stopping) {
                return CompletableFuture.failedFuture(new ExecutionRefusedException(
                        ExecutionRefusedException.Reason.STOPPING, RETRY_AFTER_STOPPING_SECONDS,
                        "the engine is stopping"));
            }
            if (open.containsKey(input.jobId()) || ended.containsKey(input.jobId())) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "ExecutionAlreadyExists: an execution named " + input.jobId() + " exists"));
            }
            if (admitted + waiting.size() >= limit) {
                return CompletableFuture.failedFuture(new ExecutionRefusedException(
                        ExecutionRefusedException.Reason.LIMIT, RETRY_AFTER_FULL_SECONDS,
                        limit + " executions are running, the most " + ExecutionLimit.VARIABLE + " allows"));
            }
            execution = new CompletableFuture<>();
            open.put(input.jobId(), execution);
            admitted++;
        }
        launch(input, execution);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Runs again the execution of a job left unfinished by an earlier engine: as a redrive (stored item
     * outcomes kept), now or, beyond the limit, once a running execution ends. Never refused.
     */
    void resume(ExecutionInput input) {
        invoker.redrive(input.jobId());
        CompletableFuture<ExecutionResult> execution = new CompletableFuture<>();
        synchronized (this) {
            if (open.containsKey(input.jobId())) {
                return;
            }
            open.put(input.jobId(), execution);
            if (admitted >= limit || stopping) {
                waiting.add(input);
                return;
            }
            admitted++;
        }
        launch(input, execution);
    }

    private void launch(ExecutionInput input, CompletableFuture<ExecutionResult> execution) {
        threads.execute(() -> {
            try {
                execution.complete(run(input));
            } catch (Throwable failure) {
                execution.completeExceptionally(failure);
            } finally {
                ended(input.jobId(), execution);
            }
        });
    }

    private ExecutionResult run(ExecutionInput input) {
        String name = input.jobId();
        Instant started = Instant.now();
        ExecutionResult result;
        running.put(name, Thread.currentThread());
        try {
            result = stopped.contains(name) ? ExecutionResult.aborted(started, Instant.now())
                    : executor.execute(definition, name, mapper.valueToTree(input));
        } catch (CancellationException e) {
            result = ExecutionResult.aborted(started, Instant.now());
        } finally {
            running.remove(name);
            // A stop that came as the execution ended must not interrupt the next one on this thread.
            Thread.interrupted();
        }
        // An execution a stopping engine cut short has not ended as Step Functions' would: its job stays
        // unfinished, to be resumed, not reconciled.
        if (!stopping || result.status() == ExecutionResult.Status.SUCCEEDED) {
            onEnded.accept(name, result);
        }
        return result;
    }

    private void ended(String jobId, CompletableFuture<ExecutionResult> execution) {
        invoker.ended(jobId);
        ExecutionInput next;
        CompletableFuture<ExecutionResult> nextExecution;
        synchronized (this) {
            open.remove(jobId);
            ended.put(jobId, execution);
            admitted--;
            next = stopping ? null : waiting.poll();
            if (next == null) {
                return;
            }
            nextExecution = open.get(next.jobId());
            admitted++;
        }
        launch(next, nextExecution);
    }

    /**
     * Stops the job's execution, as StopExecution does: it ends ABORTED (Map iterations in flight are
     * interrupted). Returns whether there was an execution still running or waiting to stop.
     */
    public boolean stop(String jobId) {
        CompletableFuture<ExecutionResult> execution;
        synchronized (this) {
            execution = open.get(jobId);
        }
        if (execution == null || execution.isDone()) {
            return false;
        }
        stopped.add(jobId);
        Thread thread = running.get(jobId);
        if (thread != null) {
            thread.interrupt();
        }
        return true;
    }

    /**
     * Stops taking work: new starts are refused (503), executions waiting to resume stay unstarted, no
     * new function invocation begins, and those in flight get up to {@code bound} to end and record
     * their results. What is left stays unfinished in the store for the next start.
     */
    Drained drain(Duration bound) {
        int waitingLeft;
        synchronized (this) {
            stopping = true;
            waitingLeft = waiting.size();
        }
        int cut = invoker.stop(bound);
        synchronized (this) {
            return new Drained(admitted, waitingLeft, cut);
        }
    }

    /** Waits for every execution started so far (and still remembered) to end; how each ended, by name. */
    public Map<String, ExecutionResult> awaitAll() {
        Map<String, CompletableFuture<ExecutionResult>> all;
        synchronized (this) {
            all = new TreeMap<>(ended);
            all.putAll(open);
        }
        Map<String, ExecutionResult> results = new TreeMap<>();
        all.forEach((name, execution) -> results.put(name, execution.join()));
        return results;
    }

    /** The end of the execution started for that job. */
    public CompletableFuture<ExecutionResult> completion(String jobId) {
        CompletableFuture<ExecutionResult> execution;
        synchronized (this) {
            execution = open.containsKey(jobId) ? open.get(jobId) : ended.get(jobId);
        }
        if (execution == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no execution for job " + jobId));
        }
        return execution;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /**
     * What a drain left.
     *
     * @param executionsOpen   executions admitted that had not ended when the drain returned
     * @param waitingLeft      resumed executions that never started
     * @param invocationsCut   function invocations still in flight when the bound passed
     */
    public record Drained(int executionsOpen, int waitingLeft, int invocationsCut) {
    }
}
