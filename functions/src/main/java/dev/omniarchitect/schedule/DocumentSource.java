package dev.omniarchitect.schedule;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** Where a scheduled run's stored batch document is read from. */
public interface DocumentSource {

    /** The document's text at that {@code s3://bucket/key} location. */
    CompletableFuture<String> read(URI location);

    /** A source that reads nothing, saying why (on one machine, where no S3 is configured). */
    static DocumentSource unavailable(String why) {
        return location -> CompletableFuture.failedFuture(new IllegalStateException(why));
    }
}
