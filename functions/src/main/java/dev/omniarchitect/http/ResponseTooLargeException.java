package dev.omniarchitect.http;

/** A response body passed the client's bound and was dropped. */
public final class ResponseTooLargeException extends RuntimeException {

    public ResponseTooLargeException(long limit) {
        super("response body larger than " + limit + " bytes", null, false, false);
    }
}
