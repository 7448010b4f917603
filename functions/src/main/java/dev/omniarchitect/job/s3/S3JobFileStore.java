package dev.omniarchitect.job.s3;

import dev.omniarchitect.dynamodb.StorageFailures;
import dev.omniarchitect.job.JobFileStore;
import dev.omniarchitect.provider.HttpFailures;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A job's files in the stack's job files bucket (template.yaml's JobFilesBucket): the items file ApiFunction
 * writes, the Map Run results AggregateFunction reads, streamed as they arrive, and the documents callers upload
 * to pre-signed URLs.
 */
public final class S3JobFileStore implements JobFileStore {

    private final S3AsyncClient s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3JobFileStore(S3AsyncClient s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public CompletableFuture<Void> put(String key, byte[] content) {
        return s3.putObject(request -> request.bucket(bucket).key(key).contentType("application/json"),
                        AsyncRequestBody.fromBytes(content))
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(StorageFailures.passingAsUnavailable(error,
                                "writing s3://" + bucket + "/" + key));
                    }
                    return null;
                });
    }

    @Override
    public CompletableFuture<InputStream> open(String key) {
        return s3.getObject(request -> request.bucket(bucket).key(key),
                        AsyncResponseTransformer.<software.amazon.awssdk.services.s3.model.GetObjectResponse>
                                toBlockingInputStream())
                .<InputStream>thenApply(stream -> stream)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        HttpFailures.unwrap(error) instanceof NoSuchKeyException
                                ? new NoSuchFileException("s3://" + bucket + "/" + key)
                                : StorageFailures.passingAsUnavailable(error, "reading s3://" + bucket + "/" + key)));
    }

    @Override
    public String bucket() {
        return bucket;
    }

    /** A pre-signed PUT of that key: signed here, with this function's credentials, no call made. */
    @Override
    public String uploadUrl(String key, Duration validFor) {
        return presigner.presignPutObject(request -> request.signatureDuration(validFor)
                        .putObjectRequest(put -> put.bucket(bucket).key(key)))
                .url().toString();
    }
}
