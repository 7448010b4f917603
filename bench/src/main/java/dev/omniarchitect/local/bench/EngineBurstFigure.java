package dev.omniarchitect.local.bench;

/**
 * The engine ({@code omni serve} in its own JVM) under a burst of submissions.
 *
 * @param posts              POSTs sent
 * @param inFlight           POSTs in flight at most
 * @param itemsPerJob        items in each posted batch
 * @param executionLimit     the engine's executions at once (its default)
 * @param accepted           202 answers
 * @param tooMany            429 answers
 * @param unavailable        503 answers
 * @param other              any other answer (none expected)
 * @param otherStatuses      those answers' statuses and counts, e.g. {@code "500 x1"}; empty for none
 * @param withoutRetryAfter  429 or 503 answers without a Retry-After header (none expected)
 * @param acceptedEnded      accepted jobs that ended SUCCEEDED
 * @param burstWallMs        from the first POST to the last answer
 * @param drainWallMs        from the first POST to the last accepted job's end
 * @param peakRssMb          the engine's peak RSS (VmHWM) at the end
 * @param jvmOptions         the engine JVM's options
 */
public record EngineBurstFigure(int posts, int inFlight, int itemsPerJob, int executionLimit, int accepted,
                                int tooMany, int unavailable, int other, String otherStatuses, int withoutRetryAfter, int acceptedEnded,
                                double burstWallMs, double drainWallMs, double peakRssMb, String jvmOptions) {

    /** Whether every answer was one the issue allows and every accepted job finished. */
    public boolean orderly() {
        return other == 0 && withoutRetryAfter == 0 && acceptedEnded == accepted;
    }
}
