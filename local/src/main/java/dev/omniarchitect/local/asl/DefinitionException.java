package dev.omniarchitect.local.asl;

/** A definition the local executor refuses; the message names the state and the field. */
public final class DefinitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DefinitionException(String message) {
        super(message);
    }
}
