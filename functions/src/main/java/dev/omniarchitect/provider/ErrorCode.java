package dev.omniarchitect.provider;

/** Stable codes for why an item failed; clients match on these, so never rename one. */
public enum ErrorCode {
    PROVIDER_AUTH(false),
    PROVIDER_BAD_REQUEST(false),
    MODEL_NOT_FOUND(false),
    PROVIDER_RATE_LIMITED(true),
    PROVIDER_TIMEOUT(true),
    PROVIDER_UNAVAILABLE(true),
    PROVIDER_BAD_RESPONSE(false),
    PROVIDER_NOT_CONFIGURED(false),
    /** The item's params do not fit what the kind's renderer accepts. */
    INVALID_PARAMS(false),
    /** The answer, compressed, would not fit the storage bound of one item. */
    ANSWER_TOO_LARGE(false),
    /** The job's stored request or result could not be read or written. */
    STORAGE_UNAVAILABLE(true),
    /** The function running the item failed outside our code (timeout, out of memory, ...). */
    ITEM_EXECUTION_FAILED(false),
    /** The function was invoked with input it cannot read. */
    INVALID_INPUT(false),
    INTERNAL_ERROR(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether trying again later could succeed. */
    public boolean retryable() {
        return retryable;
    }
}
