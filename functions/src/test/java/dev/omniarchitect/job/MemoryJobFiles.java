package dev.omniarchitect.job;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A job files bucket in memory, for the core's tests: objects by key, a missing one as S3 reports it. */
final class MemoryJobFiles implements JobFileStore {

    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    /** Keeps that text as the object of that key. */
    void put(String key, String text) {
        objects.put(key, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets the object of that key. */
    void remove(String key) {
        objects.remove(key);
    }

    @Override
    public CompletableFuture<Void> put(String key, byte[] content) {
        objects.put(key, content);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<InputStream> open(String key) {
        byte[] content = objects.get(key);
        return content == null ? CompletableFuture.failedFuture(new NoSuchFileException(key))
                : CompletableFuture.completedFuture(new ByteArrayInputStream(content));
    }

    @Override
    public String bucket() {
        return "omni-job-files";
    }

    @Override
    public String uploadUrl(String key, Duration validFor) {
        return "/v1/" + key;
    }
}
