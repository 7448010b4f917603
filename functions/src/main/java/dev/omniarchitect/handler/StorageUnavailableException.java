package dev.omniarchitect.handler;

/**
 * The jobs table could not be read or written. The state machine retries this error by its name,
 * {@code dev.omniarchitect.handler.StorageUnavailableException}: a later attempt may well succeed.
 */
public final class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
