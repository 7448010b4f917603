package dev.omniarchitect.limit;

/**
 * The right to one call in flight at a provider, until given back or expired.
 *
 * @param provider  the provider
 * @param slot      the slot held; -1 for a provider that is not limited (nothing to give back)
 * @param holder    who holds it, unique per lease
 * @param waitedMs  how long it took to get
 * @param tokens    the tokens spent from the provider's token budget for the call (its estimate); 0 for none
 * @param others    the leases others held when it was taken: if the provider refuses this call, about what it
 *                  was taking (calls that ended since are still counted, unlike in a read after the refusal)
 */
public record Lease(String provider, int slot, String holder, long waitedMs, long tokens, int others) {

    /** A lease with no tokens spent. */
    public Lease(String provider, int slot, String holder, long waitedMs, int others) {
        this(provider, slot, holder, waitedMs, 0, others);
    }

    /** The same lease with that estimate of tokens spent. */
    public Lease withTokens(long spent) {
        return new Lease(provider, slot, holder, waitedMs, spent, others);
    }

    /** The lease of a call that needs none. */
    public static Lease unlimited(String provider) {
        return new Lease(provider, -1, "", 0, 0);
    }

    /** Whether a slot is held. */
    public boolean held() {
        return slot >= 0;
    }
}
