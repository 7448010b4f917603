package dev.omniarchitect.job;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one stored item of a job for a sync call: in this process, or through ProviderCallFunction so that
 * its reserved concurrency caps sync calls as it caps the Map's.
 */
@FunctionalInterface
public interface ItemRunner {

    /**
     * The item's outcome, its deadline brought forward to {@code notAfter}; empty when it could not be run
     * now (the provider-call cap is full), so the caller hands it over to an execution, which waits its turn.
     */
    CompletableFuture<Optional<ItemOutcome>> run(String jobId, String itemId, Instant notAfter);

    /** The item generated in this process, as ProviderCallFunction's handler would generate it. */
    static ItemRunner inProcess(ItemGenerator generator) {
        return (jobId, itemId, notAfter) -> generator.generate(jobId, itemId, notAfter).thenApply(Optional::of);
    }
}
