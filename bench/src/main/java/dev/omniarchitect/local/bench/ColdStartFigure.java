package dev.omniarchitect.local.bench;

/**
 * One function's cold start, medians over fresh JVMs.
 *
 * @param function               the function's logical id in template.yaml
 * @param primed                 whether its SnapStart hooks (priming) ran before the first invocation
 * @param jvms                   fresh JVMs measured
 * @param hooks                  SnapStart hooks the handler registered
 * @param jvmStartMs             launch to main()
 * @param initMs                 handler class loaded and constructed: Lambda's Init phase
 * @param primingMs              the beforeCheckpoint and afterRestore hooks (0 when not primed)
 * @param firstInvocationMs      the first invocation
 * @param secondInvocationMs     the second, for comparison: a warm invocation of the same work
 * @param lifetimeMs             launch to the process's end
 * @param classesAtInit          classes loaded by JVM start and Init together
 * @param classesByPriming       classes loaded by the hooks
 * @param classesByFirstInvocation classes loaded by the first invocation
 * @param memoryMb               the MemorySize it ran as (-XX:MaxRAM)
 */
public record ColdStartFigure(String function, boolean primed, int jvms, int hooks, double jvmStartMs, double initMs,
                              double primingMs, double firstInvocationMs, double secondInvocationMs,
                              double lifetimeMs, int classesAtInit, int classesByPriming,
                              int classesByFirstInvocation, int memoryMb) {

    /** What a request meets when SnapStart restores this function: the first invocation after the hooks. */
    public double coldRequestMs() {
        return firstInvocationMs;
    }
}
