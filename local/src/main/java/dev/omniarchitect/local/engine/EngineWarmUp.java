package dev.omniarchitect.local.engine;

import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.local.runtime.LocalPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.time.Duration;

/**
 * A fresh engine's JIT warm-up: its functions' SnapStart priming, then the sample batch run offline (blueprint;
 * generated, then from the cache, in turns) on a pipeline of its own over an in-memory DynamoDB Local, in the
 * background, once the engine is idle and each batch only while it has no request and no job of its own (the
 * client that started the engine does not wait for it). The code it
 * runs (the executor, the handlers, the validators of every kind, the SDK, DynamoDB Local) is the code a
 * user's jobs run; the user's store sees none of it. {@code OMNI_ENGINE_WARMUP=0} turns it off.
 */
final class EngineWarmUp {

    static final String VARIABLE = "OMNI_ENGINE_WARMUP";
    private static final String DOCUMENT = "batch-request.json";
    /**
     * Batches run: the first loads the classes, the next ones let the JIT compile what they run (with the
     * engine's lowered compile thresholds, about twenty batches compile the paths a job takes).
     */
    private static final int BATCHES = 24;
    /** Idle this many checks in a row: the client that started the engine has had time to send its job. */
    private static final int QUIET_CHECKS = 10;
    private static final Duration CHECK_EVERY = Duration.ofMillis(200);
    /** A wait that nothing cuts short: only the engine's idleness ends it. */
    private static final CompletableFuture<Void> NOTHING_SOONER = new CompletableFuture<>();
    /** A warm-up that finds no quiet moment in this long gives up: a busy engine warms up on its jobs. */
    private static final Duration IDLE_WAIT = Duration.ofMinutes(10);

    private EngineWarmUp() {
    }

    static boolean wanted(Map<String, String> environment) {
        return !"0".equals(environment.getOrDefault(VARIABLE, "1").trim());
    }

    /**
     * Starts the warm-up on a background thread of low priority: the engine's own functions' SnapStart priming
     * ({@code prime}) once the engine is idle or its first provider call has started ({@code callingProvider}),
     * then the batches when it is idle; a failure only costs the warm-up. Measured on two cores, alternately:
     * the priming before the engine answers made its start about 0.9 s longer, and beside a cached first job
     * (the first run a user makes is the cached sample) it made that run about 0.4 s longer; while a provider
     * answers, the CPU is free, and the answers then find their kind's validator run once (the Kubernetes
     * one's first run alone took about half a second).
     */
    static Thread start(Map<String, String> environment, Runnable prime, CompletableFuture<Void> callingProvider,
                        BooleanSupplier idle) {
        Thread thread = new Thread(() -> run(environment, prime, callingProvider, idle), "omni-engine-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    private static void run(Map<String, String> environment, Runnable prime, CompletableFuture<Void> callingProvider,
                            BooleanSupplier idle) {
        if (!awaitIdle(idle, QUIET_CHECKS, callingProvider)) {
            return;
        }
        prime.run();
        if (!awaitIdle(idle, QUIET_CHECKS, NOTHING_SOONER)) {
            return;
        }
        Map<String, String> offline = new HashMap<>(environment);
        offline.remove("AWS_ENDPOINT_URL_DYNAMODB");
        offline.put("OMNI_DEFAULT_PROVIDER", "blueprint");
        try (InputStream in = EngineWarmUp.class.getResourceAsStream(DOCUMENT);
             PrintStream silent = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
             LocalPipeline pipeline = LocalPipeline.builder().environment(offline).logOutput(silent).build()) {
            if (in == null) {
                return;
            }
            String document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i < BATCHES && (i == 0 || awaitIdle(idle, 1, NOTHING_SOONER)); i++) {
                // Odd batches read what the even ones wrote: both a generated and a cached item's path warm up.
                pipeline.run(pipeline.services().batchParser().parse(document,
                        new BatchOverrides("blueprint", i % 2 == 0 ? CacheMode.BYPASS : CacheMode.USE)));
            }
        } catch (IOException | RuntimeException e) {
            // Nothing depends on the warm-up: a job is only slower without it.
        }
    }

    /**
     * Waits until the engine has had nothing to do for that many checks in a row (before the priming, a moment
     * for the client that started it; between batches, only that no job came in), or until {@code orSooner}
     * completes; false when it stays busy or stops.
     */
    private static boolean awaitIdle(BooleanSupplier idle, int quietChecks, CompletableFuture<Void> orSooner) {
        long deadline = System.nanoTime() + IDLE_WAIT.toNanos();
        int quiet = 0;
        while (System.nanoTime() < deadline) {
            quiet = idle.getAsBoolean() ? quiet + 1 : 0;
            if (quiet >= quietChecks || orSooner.isDone()) {
                return true;
            }
            try {
                orSooner.get(CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (TimeoutException | ExecutionException e) {
                // Checked again above.
            }
        }
        return false;
    }
}
