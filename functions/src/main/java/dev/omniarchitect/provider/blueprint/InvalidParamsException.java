package dev.omniarchitect.provider.blueprint;

/**
 * An item's params do not fit its kind's blueprint; the message names the param and what is allowed.
 * The blueprint provider turns it into its INVALID_PARAMS error, so blueprints know nothing of providers.
 */
public final class InvalidParamsException extends RuntimeException {

    public InvalidParamsException(String message) {
        super(message);
    }
}
