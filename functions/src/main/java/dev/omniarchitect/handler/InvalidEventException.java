package dev.omniarchitect.handler;

/**
 * An event a function cannot read. Step Functions sees it as error
 * {@code dev.omniarchitect.handler.InvalidEventException}, which no Retry matches: trying again cannot help.
 */
public final class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message, null, false, false);
    }
}
