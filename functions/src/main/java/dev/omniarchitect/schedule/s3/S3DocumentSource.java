package dev.omniarchitect.schedule.s3;

import dev.omniarchitect.api.GenerationsApi;
import dev.omniarchitect.batch.BatchLimits;
import dev.omniarchitect.schedule.DocumentSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** Reads stored batch documents from S3, at most as large as the API accepts. */
public final class S3DocumentSource implements DocumentSource {

    private final S3AsyncClient s3;

    public S3DocumentSource(S3AsyncClient s3) {
        this.s3 = s3;
    }

    @Override
    public CompletableFuture<String> read(URI location) {
        String bucket = location.getHost();
        String key = location.getPath().substring(1);
        // One byte past the limit is enough to tell a document that is too large.
        return s3.getObject(request -> request.bucket(bucket).key(key)
                                .range("bytes=0-" + GenerationsApi.MAX_BODY_BYTES),
                        AsyncResponseTransformer.toBytes())
                .thenApply(object -> {
                    if (object.asByteArrayUnsafe().length > GenerationsApi.MAX_BODY_BYTES) {
                        throw new CompletionException(new IllegalStateException(location
                                + " holds more than " + GenerationsApi.MAX_BODY_BYTES + " bytes; a batch document may"
                                + " be at most " + BatchLimits.MAX_DOCUMENT_SIZE_TEXT));
                    }
                    return new String(object.asByteArrayUnsafe(), StandardCharsets.UTF_8);
                });
    }
}
