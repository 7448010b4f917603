package dev.omniarchitect.job;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.Usage;
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
 * @param files       the generated files; empty on failure
 * @param error       why it failed; null on success
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
        List<GeneratedFile> files,
        ItemError error) {

    public ItemResult {
        attempts = List.copyOf(attempts);
        files = List.copyOf(files);
    }
}
