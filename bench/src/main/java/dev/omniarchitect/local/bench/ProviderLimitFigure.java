package dev.omniarchitect.local.bench;

/**
 * One mode of the provider-limit scenario.
 *
 * @param mode           "adaptive limit" or "fixed per-job lanes"
 * @param ceiling        OMNI_LIMIT_OPENAI of the run
 * @param jobs           jobs submitted at once
 * @param itemsPerJob    items of each
 * @param capacity       calls in flight the provider takes before it answers 429
 * @param callMs         the provider's time per call
 * @param wallMs         the first submit to the last job's record in hand
 * @param idealMs        every item called once at the provider's capacity
 * @param calls          calls the provider received, 429s included
 * @param throttled      calls it answered 429
 * @param peakInFlight   the most calls in flight at it at one moment (refused ones included)
 * @param answered       items that ended with files (SUCCEEDED or INVALID)
 * @param failed         items that ended with an error
 * @param missing        items without a result when their job ended (lost)
 * @param leaseWaitMs    the items' waits for leases, added up
 */
record ProviderLimitFigure(String mode, int ceiling, int jobs, int itemsPerJob, int capacity, long callMs,
                           double wallMs, double idealMs, int calls, int throttled, int peakInFlight, int answered,
                           int failed, int missing, long leaseWaitMs) {

    /** The wall time over the ideal. */
    double wallRatio() {
        return wallMs / idealMs;
    }

    /** 429s as a share of calls. */
    double throttledShare() {
        return calls == 0 ? 0 : (double) throttled / calls;
    }
}
