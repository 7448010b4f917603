package dev.omniarchitect.provider;

/** A failure with a stable code and a message fit to show a user (no secrets, no answer bodies). */
public final class ProviderException extends RuntimeException {

    private final ErrorCode code;

    public ProviderException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ProviderException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
