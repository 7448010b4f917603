package dev.omniarchitect.limit;

/**
 * A read of a provider's state at {@code readAtMs}: its limit then, how many leases were held, and how many of
 * them by this instance.
 */
record Seen(LimitState state, int busy, long readAtMs, int mineAtRead) {

    /** The leases other instances held at the read. */
    int elsewhere() {
        return Math.max(0, busy - mineAtRead);
    }

    /**
     * Whether a success could not raise that limit: at the most it may rise to now, or not used up, neither at
     * the read nor by the {@code inUseHere} leases this instance holds now (taken since, by fast takes).
     */
    boolean noRaisePossible(int ceiling, long nowMs, int inUseHere) {
        return state.limit() >= state.most(ceiling, nowMs) || Math.max(busy + 1, inUseHere) < state.slots(ceiling);
    }
}
