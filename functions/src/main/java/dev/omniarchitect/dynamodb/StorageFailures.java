package dev.omniarchitect.dynamodb;

import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.ProviderException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which DynamoDB failures waiting may cure, told as STORAGE_UNAVAILABLE so callers can answer "retry later". */
public final class StorageFailures {

    private StorageFailures() {
    }

    /**
     * A timeout, no connection, a 5xx or throttling as a {@link ProviderException} STORAGE_UNAVAILABLE saying
     * that {@code what} could not be done now; any other failure unwrapped, as it was.
     */
    public static Throwable passingAsUnavailable(Throwable error, String what) {
        Throwable cause = HttpFailures.unwrap(error);
        boolean passing = cause instanceof SdkClientException
                || cause instanceof AwsServiceException service && (service.statusCode() >= 500
                        || service.isThrottlingException());
        return passing ? new ProviderException(ErrorCode.STORAGE_UNAVAILABLE, what + " could not be done now", cause)
                : cause;
    }
}
