package dev.omniarchitect.local.asl;

import java.util.Objects;

/** A function error, as Lambda reports it with an errorType and an errorMessage. */
public final class LambdaFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final String errorMessage;

    public LambdaFailure(String errorType, String errorMessage) {
        super(errorType + ": " + errorMessage);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.errorMessage = errorMessage;
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return errorMessage;
    }
}
