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

/**
 * A fresh engine's JIT warm-up: the sample batch run offline (blueprint, cache bypassed) on a pipeline of
 * its own over an in-memory DynamoDB Local, in the background once the engine takes work. The code it
 * runs (the executor, the handlers, the validators of every kind, the SDK, DynamoDB Local) is the code a
 * user's first job runs; the user's store sees none of it. {@code OMNI_ENGINE_WARMUP=0} turns it off.
 */
final class EngineWarmUp {

    static final String VARIABLE = "OMNI_ENGINE_WARMUP";
    private static final String DOCUMENT = "batch-request.json";
    /** Batches run: the first loads the classes, the next ones let the JIT compile what they run. */
    private static final int BATCHES = 3;

    private EngineWarmUp() {
    }

    static boolean wanted(Map<String, String> environment) {
        return !"0".equals(environment.getOrDefault(VARIABLE, "1").trim());
    }

    /** Starts the warm-up on a background thread of low priority; a failure only costs the warm-up. */
    static Thread start(Map<String, String> environment) {
        Thread thread = new Thread(() -> run(environment), "omni-engine-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    private static void run(Map<String, String> environment) {
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
            for (int i = 0; i < BATCHES && !Thread.currentThread().isInterrupted(); i++) {
                pipeline.run(pipeline.services().batchParser().parse(document,
                        new BatchOverrides("blueprint", CacheMode.BYPASS)));
            }
        } catch (IOException | RuntimeException e) {
            // Nothing depends on the warm-up: the first job is only slower without it.
        }
    }
}
