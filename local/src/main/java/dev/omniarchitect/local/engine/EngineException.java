package dev.omniarchitect.local.engine;

/** The engine could not be started, reached or stopped; the message says why, for the user. */
public final class EngineException extends RuntimeException {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
