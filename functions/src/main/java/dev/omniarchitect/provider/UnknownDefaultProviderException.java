package dev.omniarchitect.provider;

/** The configured default provider (OMNI_DEFAULT_PROVIDER) is none of the known providers: bad configuration. */
public final class UnknownDefaultProviderException extends IllegalArgumentException {

    public UnknownDefaultProviderException(String message) {
        super(message);
    }
}
