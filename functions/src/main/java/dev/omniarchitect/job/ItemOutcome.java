package dev.omniarchitect.job;

import dev.omniarchitect.provider.Usage;

/**
 * What ProviderCallFunction returns to its child execution of the Map: small and without the generated content,
 * so that it stays far below Step Functions' 256 KiB payload limit and a 10,000-item job's result files stay
 * small. It carries every figure the job's summary adds up, so the aggregation need not read the results back.
 *
 * @param itemId        the item
 * @param status        SUCCEEDED, INVALID or FAILED
 * @param cached        whether it was a cache hit
 * @param provider      provider
 * @param model         model
 * @param durationMs    item duration
 * @param usage         token usage
 * @param costUsd       what the item's calls cost; null without a price
 * @param costSavedUsd  for a cache hit, what the original call cost; null otherwise or without a price
 * @param contentRef    where the full result is stored; null when it could not be stored
 * @param error         code and message when failed
 * @param leaseWaitMs   time spent waiting for the providers' shared limits
 */
public record ItemOutcome(
        String itemId,
        ItemStatus status,
        boolean cached,
        String provider,
        String model,
        long durationMs,
        Usage usage,
        Double costUsd,
        Double costSavedUsd,
        String contentRef,
        ItemError error,
        long leaseWaitMs) {

    /**
     * The longest error message an outcome carries. An outcome is a child execution's output, where Step Functions
     * allows 256 KiB, and ten thousand of them are read back from the Map Run's result files: small whatever the
     * message holds (ItemOutcomeSizeTest). The stored result keeps the whole message.
     */
    public static final int MAX_ERROR_MESSAGE_CHARS = 200;

    public ItemOutcome {
        if (error != null && error.message() != null) {
            String message = error.message();
            if (message.length() > MAX_ERROR_MESSAGE_CHARS) {
                message = message.substring(0, MAX_ERROR_MESSAGE_CHARS - 1) + "…";
            }
            // A control character takes six bytes in JSON; a space says as much here.
            message = message.replaceAll("\\p{Cntrl}", " ");
            if (!message.equals(error.message())) {
                error = new ItemError(error.code(), message);
            }
        }
    }

    /** The outcome that summarises a stored result. */
    public static ItemOutcome of(ItemResult result, String contentRef) {
        return new ItemOutcome(result.id(), result.status(), result.cached(), result.provider(), result.model(),
                result.durationMs(), result.usage(), result.costUsd(), result.costSavedUsd(), contentRef,
                result.error(), result.leaseWaitMs());
    }

    /** The outcome of an item that has no stored result: nothing was called, nothing spent. */
    public static ItemOutcome unstored(String itemId, long durationMs, ItemError error) {
        return new ItemOutcome(itemId, ItemStatus.FAILED, false, null, null, durationMs, Usage.NONE, null, null, null,
                error, 0);
    }

    /** Whether the function stored the full result this outcome summarises. */
    public boolean stored() {
        return contentRef != null;
    }
}
