package dev.omniarchitect.limit;

/**
 * A call could not get its provider's lease (or its tokens) within the short wait a function may spend on
 * it: the provider is busy with other jobs' calls. ProviderCallFunction fails the invocation with it, before
 * any call of the item, so that the state machine waits for it (its Retry on this class's name) instead of a
 * Lambda instance sitting idle; the item has made no attempt, and its own deadline still holds.
 */
public final class ProviderBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProviderBusyException(String provider, long waitedMs) {
        super(provider + " is at its provider-wide limit (waited " + waitedMs + " ms); the item waits its turn",
                null, false, false);
    }
}
