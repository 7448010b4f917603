package dev.omniarchitect.provider;

/** The configured default provider (OMNI_DEFAULT_PROVIDER) is none of the known providers: bad configuration. */
public final class UnknownDefaultProviderException extends IllegalArgumentException {

    public UnknownDefaultProviderException(String message) {
        super(message);
    }

    /** The fault of OMNI_DEFAULT_PROVIDER naming {@code given}, with the providers allowed. */
    public static UnknownDefaultProviderException of(String given, java.util.Collection<String> allowed) {
        return new UnknownDefaultProviderException("OMNI_DEFAULT_PROVIDER is \"" + given + "\"; allowed: "
                + String.join(", ", allowed));
    }
}
