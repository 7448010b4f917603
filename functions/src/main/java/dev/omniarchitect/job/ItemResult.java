package dev.omniarchitect.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.Usage;
import dev.omniarchitect.validation.ValidationReport;
import java.time.Instant;
import java.util.List;

/**
 * The full result of one item, as the job record shows it.
 *
 * @param id          the item id
 * @param kind        the artifact kind
 * @param status      SUCCEEDED or FAILED
 * @param cached      whether the answer came from the cache
 * @param provider    the provider that served it (or was to)
 * @param model       the model that served it (or was to)
 * @param attempts    every provider call made, none for a cache hit
 * @param durationMs  from start to end of the item, cache and storage included
 * @param usage       tokens of the calls made; for a hit, those of the original call
 * @param costUsd     what this item's calls cost at list prices (0 for a hit); null when the model has no price
 * @param costSavedUsd for a cache hit, what the original call cost; null otherwise or without a price
 * @param files       the generated files; empty on failure
 * @param error       why it failed; null on success
 * @param validation  what the kind's validator found in the files; null when the item failed before
 * @param repaired    whether the files are the answer to a repair round (the first answer had errors)
 * @param cacheKey    the cache entry that holds this answer (the one {@code DELETE /v1/cache/{cacheKey}}
 *                    removes); null when nothing was cached (a failure, {@code "cache": "bypass"})
 * @param leaseWaitMs time spent waiting for the providers' shared limits before its calls (none for a hit)
 * @param startedAt   when the item started, so a timeline can show which items ran side by side; null for
 *                    results stored before it was recorded
 */
public record ItemResult(
        String id,
        String kind,
        ItemStatus status,
        boolean cached,
        String provider,
        String model,
        List<Attempt> attempts,
        long durationMs,
        Usage usage,
        Double costUsd,
        Double costSavedUsd,
        List<GeneratedFile> files,
        ItemError error,
        ValidationReport validation,
        boolean repaired,
        String cacheKey,
        long leaseWaitMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant startedAt) {

    public ItemResult {
        attempts = List.copyOf(attempts);
        files = List.copyOf(files);
    }

    /** A result whose start is not recorded (yet). */
    public ItemResult(String id, String kind, ItemStatus status, boolean cached, String provider, String model,
                      List<Attempt> attempts, long durationMs, Usage usage, Double costUsd, Double costSavedUsd,
                      List<GeneratedFile> files, ItemError error, ValidationReport validation, boolean repaired,
                      String cacheKey, long leaseWaitMs) {
        this(id, kind, status, cached, provider, model, attempts, durationMs, usage, costUsd, costSavedUsd, files,
                error, validation, repaired, cacheKey, leaseWaitMs, null);
    }

    /** This result, started at that instant. */
    public ItemResult startingAt(Instant start) {
        return new ItemResult(id, kind, status, cached, provider, model, attempts, durationMs, usage, costUsd,
                costSavedUsd, files, error, validation, repaired, cacheKey, leaseWaitMs, start);
    }

    /** A result whose calls waited for no lease. */
    public ItemResult(String id, String kind, ItemStatus status, boolean cached, String provider, String model,
                      List<Attempt> attempts, long durationMs, Usage usage, Double costUsd, Double costSavedUsd,
                      List<GeneratedFile> files, ItemError error, ValidationReport validation, boolean repaired,
                      String cacheKey) {
        this(id, kind, status, cached, provider, model, attempts, durationMs, usage, costUsd, costSavedUsd, files,
                error, validation, repaired, cacheKey, 0);
    }

    /** A result whose answer is in no cache entry. */
    public ItemResult(String id, String kind, ItemStatus status, boolean cached, String provider, String model,
                      List<Attempt> attempts, long durationMs, Usage usage, Double costUsd, Double costSavedUsd,
                      List<GeneratedFile> files, ItemError error, ValidationReport validation, boolean repaired) {
        this(id, kind, status, cached, provider, model, attempts, durationMs, usage, costUsd, costSavedUsd, files,
                error, validation, repaired, null);
    }

    /** A result with no validation (an item that failed before its files could be checked). */
    public ItemResult(String id, String kind, ItemStatus status, boolean cached, String provider, String model,
                      List<Attempt> attempts, long durationMs, Usage usage, Double costUsd, Double costSavedUsd,
                      List<GeneratedFile> files, ItemError error) {
        this(id, kind, status, cached, provider, model, attempts, durationMs, usage, costUsd, costSavedUsd, files,
                error, null, false, null);
    }

    /** The result of an item that ended with no answer of its own: nothing was generated, nothing spent. */
    public static ItemResult failedWithout(String id, long durationMs, ItemError error) {
        return new ItemResult(id, null, ItemStatus.FAILED, false, null, null, List.of(), durationMs, Usage.NONE, 0.0,
                null, List.of(), error);
    }
}
