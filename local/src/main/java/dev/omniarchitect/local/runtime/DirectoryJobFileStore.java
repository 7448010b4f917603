package dev.omniarchitect.local.runtime;

import dev.omniarchitect.job.JobFileStore;
import dev.omniarchitect.local.asl.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The job files bucket on this machine: the same directory store the executor's Distributed Map reads its items
 * from and writes its results to, so the functions and the executor see one bucket, as they do deployed.
 */
final class DirectoryJobFileStore implements JobFileStore {

    /** The bucket's name here, substituted into the definition as the template substitutes the real one. */
    static final String BUCKET = "omni-job-files";

    private final ObjectStore store;

    DirectoryJobFileStore(ObjectStore store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<Void> put(String key, byte[] content) {
        try (OutputStream out = store.write(BUCKET, key)) {
            out.write(content);
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<InputStream> open(String key) {
        try {
            return CompletableFuture.completedFuture(store.read(BUCKET, key));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String bucket() {
        return BUCKET;
    }

    /** A path of the local server, which writes what is PUT there into this store (no expiry: one user's machine). */
    @Override
    public String uploadUrl(String key, Duration validFor) {
        return "/v1/" + key;
    }
}
