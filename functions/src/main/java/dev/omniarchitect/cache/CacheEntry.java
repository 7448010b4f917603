package dev.omniarchitect.cache;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.provider.Usage;
import dev.omniarchitect.validation.ValidationReport;
import java.time.Instant;
import java.util.List;

/**
 * A cached answer, already parsed into files.
 *
 * @param key        the item's {@link CacheKey}
 * @param provider   who answered
 * @param model      the model that served it
 * @param kind       the artifact kind
 * @param files      the generated files
 * @param usage      what the original call used (what a hit saves)
 * @param createdAt  when it was written
 * @param expiresAt  when it stops being fresh; the table's TTL attribute
 * @param validation what the kind's validator found, so a hit returns the same findings; null if unknown
 * @param repaired   whether the files came from a repair round
 */
public record CacheEntry(
        String key,
        String provider,
        String model,
        String kind,
        List<GeneratedFile> files,
        Usage usage,
        Instant createdAt,
        Instant expiresAt,
        ValidationReport validation,
        boolean repaired) {

    public CacheEntry {
        files = List.copyOf(files);
    }

    /** An entry without a validation report. */
    public CacheEntry(String key, String provider, String model, String kind, List<GeneratedFile> files, Usage usage,
                      Instant createdAt, Instant expiresAt) {
        this(key, provider, model, kind, files, usage, createdAt, expiresAt, null, false);
    }

    /** Whether the entry is still fresh at that moment; DynamoDB deletes expired items only eventually. */
    public boolean isFreshAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
