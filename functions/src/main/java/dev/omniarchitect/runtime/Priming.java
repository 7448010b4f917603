package dev.omniarchitect.runtime;

import dev.omniarchitect.log.StructuredLog;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function's SnapStart hook: before Lambda takes the snapshot, it runs the function's priming steps
 * (see {@link FunctionPriming}), so that what the first request after a restore would otherwise load
 * and initialise is already in the snapshot. A step that fails is logged and skipped: priming can make
 * a snapshot faster, never stop one from being taken.
 */
public final class Priming implements Resource {

    private final String function;
    private final List<Step> steps;
    private final StructuredLog log;

    public Priming(String function, List<Step> steps, StructuredLog log) {
        this.function = function;
        this.steps = List.copyOf(steps);
        this.log = log;
    }

    /**
     * Hands this hook to the CRaC implementation of the runtime (Lambda's, with SnapStart); elsewhere it
     * is never called. The caller keeps the reference: {@code org.crac} holds its hooks weakly.
     */
    public Priming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing primed holds state that a restore could make stale: clients reconnect by themselves.
    }

    /** Runs every step once. */
    public void prime() {
        long start = System.nanoTime();
        int failed = 0;
        for (Step step : steps) {
            try {
                step.action().run();
            } catch (Exception e) {
                failed++;
                log.warn("priming.step_failed", Map.of("function", function, "step", step.name(),
                        "reason", e.getClass().getSimpleName()));
            }
        }
        log.info("priming.done", Map.of("function", function, "steps", steps.size(), "failed", failed,
                "ms", (System.nanoTime() - start) / 1_000_000));
    }

    /**
     * One thing a function primes.
     *
     * @param name    for the log, should it fail
     * @param action  what it does; it may throw, and its expected failures are its own to catch
     */
    public record Step(String name, Action action) {
    }

    /** A priming step's work. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }
}
