package dev.omniarchitect.job;

import dev.omniarchitect.provider.Usage;

/**
 * What ProviderCallFunction returns to the Map state: small and without the generated content,
 * so that a whole batch's outcomes stay far below Step Functions' 256 KiB payload limit.
 *
 * @param itemId      the item
 * @param status      SUCCEEDED or FAILED
 * @param cached      whether it was a cache hit
 * @param provider    provider
 * @param model       model
 * @param durationMs  item duration
 * @param usage       token usage
 * @param contentRef  where the full result is stored
 * @param error       code and message when failed
 */
public record ItemOutcome(
        String itemId,
        ItemStatus status,
        boolean cached,
        String provider,
        String model,
        long durationMs,
        Usage usage,
        String contentRef,
        ItemError error) {

    /** The outcome that summarises a stored result. */
    public static ItemOutcome of(ItemResult result, String contentRef) {
        return new ItemOutcome(result.id(), result.status(), result.cached(), result.provider(), result.model(),
                result.durationMs(), result.usage(), contentRef, result.error());
    }
}
