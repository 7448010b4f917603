package dev.omniarchitect.limit;

/**
 * The right to one call in flight at a provider, until given back or expired.
 *
 * @param provider  the provider
 * @param slot      the slot held; -1 for a provider that is not limited (nothing to give back)
 * @param holder    who holds it, unique per lease
 * @param waitedMs  how long it took to get
 * @param tokens    the tokens spent from the provider's token budget for the call (its estimate); 0 for none
 */
public record Lease(String provider, int slot, String holder, long waitedMs, long tokens) {

    /** A lease with no tokens spent. */
    public Lease(String provider, int slot, String holder, long waitedMs) {
        this(provider, slot, holder, waitedMs, 0);
    }

    /** The lease of a call that needs none. */
    public static Lease unlimited(String provider) {
        return new Lease(provider, -1, "", 0);
    }

    /** Whether a slot is held. */
    public boolean held() {
        return slot >= 0;
    }
}
