package dev.omniarchitect.job;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The files a job's execution reads and writes beside the jobs table, by key in one bucket: the items file its
 * Distributed Map reads and the result files the Map writes. S3 when deployed, a directory on one machine.
 */
public interface JobFileStore {

    /** Stores (or replaces) the object under that key. */
    CompletableFuture<Void> put(String key, byte[] content);

    /**
     * The object under that key, to be read as a stream and closed; fails with a
     * {@link java.nio.file.NoSuchFileException} when there is none.
     */
    CompletableFuture<InputStream> open(String key);

    /** The bucket the keys are in, as the state machine names it. */
    String bucket();

    /**
     * Where a client sends (HTTP PUT) the object of that key, valid for that long: a pre-signed S3 URL deployed, a
     * path of the local server on one machine.
     */
    String uploadUrl(String key, Duration validFor);

    /** The store of a process that has no S3 client: every use fails, saying so. */
    static JobFileStore unavailable(String bucket) {
        return new JobFileStore() {
            @Override
            public CompletableFuture<Void> put(String key, byte[] content) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "this process has no store for job files (bucket " + bucket + ")"));
            }

            @Override
            public CompletableFuture<InputStream> open(String key) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "this process has no store for job files (bucket " + bucket + ")"));
            }

            @Override
            public String bucket() {
                return bucket;
            }

            @Override
            public String uploadUrl(String key, Duration validFor) {
                throw new IllegalStateException("this process has no store for job files (bucket " + bucket + ")");
            }
        };
    }
}
