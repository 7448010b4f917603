package dev.omniarchitect.limit;

/**
 * A provider's adaptive limit as every instance sees it: additive increase after successes, decrease on
 * throttling, never above the ceiling nor below 1, and a pause of the whole provider when it asked for one.
 * <p>
 * Throttles closer together than {@link #DECREASE_SPACING_MS} are one burst: its first cuts the limit to
 * {@link #DECREASE_FACTOR} of what it was, and every one of them, when the calls were pressing against the
 * limit, to the calls the others still had in flight when it came back (what the provider was taking). What the provider was taking is also the most the
 * limit climbs back to for {@link #HOLD_MS}: without that hold, additive increase would probe one above the
 * provider's capacity every few successes, and each probe costs a 429 and a pause for every caller.
 *
 * @param limit          calls in flight allowed now; fractional so that increases can be gradual
 * @param pausedUntilMs  epoch ms before which no call may start (the provider's Retry-After); 0 for none
 * @param decreasedAtMs  epoch ms the last burst of throttles began
 * @param heldAt         what the provider took at the last burst, the most the limit rises to during the hold;
 *                       0 before any
 * @param tokens         the provider's tokens-per-minute budget ({@link TokenBudget#NONE} when it has none)
 * @param version        the stored version this state was read at; 0 when none is stored yet
 */
public record LimitState(double limit, long pausedUntilMs, long decreasedAtMs, int heldAt, TokenBudget tokens,
                         long version) {

    /** What the first throttle of a burst leaves of the limit. */
    static final double DECREASE_FACTOR = 0.7;
    /** Throttles closer together than this are one burst. */
    static final long DECREASE_SPACING_MS = 1_000;
    /** How long after a burst the limit does not rise above what the burst left. */
    static final long HOLD_MS = 60_000;

    public LimitState {
        tokens = tokens == null ? TokenBudget.NONE : tokens;
    }

    /** A state without a burst nor a token budget. */
    public LimitState(double limit, long pausedUntilMs, long decreasedAtMs, long version) {
        this(limit, pausedUntilMs, decreasedAtMs, 0, TokenBudget.NONE, version);
    }

    /** The state of a provider nothing is stored for: its ceiling, no pause. */
    public static LimitState initial(int ceiling) {
        return new LimitState(ceiling, 0, 0, 0);
    }

    /** The whole number of leases the limit allows under that ceiling (which may have changed since). */
    public int slots(int ceiling) {
        return (int) Math.max(1, Math.min(ceiling, Math.floor(limit)));
    }

    /**
     * After a successful call at {@code nowMs}: one more lease for each limit's worth of successes, up to the
     * ceiling, and within {@link #HOLD_MS} of a burst up to what the burst left.
     */
    public LimitState afterSuccess(int ceiling, long nowMs) {
        double most = most(ceiling, nowMs);
        double raised = Math.min(most, limit + 1.0 / Math.max(1.0, limit));
        return new LimitState(Math.max(Math.min(limit, ceiling), raised), pausedUntilMs, decreasedAtMs, heldAt,
                tokens, version);
    }

    /** The most the limit may rise to at {@code nowMs}: the ceiling, or during a hold what the burst left. */
    public double most(int ceiling, long nowMs) {
        return heldAt > 0 && nowMs - decreasedAtMs < HOLD_MS ? Math.min(ceiling, Math.max(limit, heldAt)) : ceiling;
    }

    /**
     * After the provider throttled a call at {@code nowMs} while {@code othersInFlight} other calls held a lease:
     * the limit cut (see above) and, when the provider said how long to wait, the whole provider paused that
     * long.
     */
    public LimitState afterThrottle(int ceiling, long nowMs, long retryAfterMs, int othersInFlight) {
        double before = Math.min(limit, ceiling);
        double next = before;
        boolean newBurst = nowMs - decreasedAtMs >= DECREASE_SPACING_MS || heldAt == 0;
        if (newBurst) {
            next = Math.floor(next * DECREASE_FACTOR);
        }
        // While the calls pressed against the limit (at least half of it in flight), the others in flight are what
        // the provider was taking: the limit goes no higher, and climbs back no higher during the hold. A refusal
        // with fewer calls says nothing of its capacity (a provider limiting requests per minute refuses at any
        // concurrency).
        int pressing = newBurst ? slots(ceiling) : heldAt;
        boolean measured = othersInFlight > 0 && 2 * (othersInFlight + 1) >= pressing;
        int taking = measured ? Math.min(ceiling, othersInFlight) : (int) Math.max(1.0, next);
        if (measured) {
            next = Math.min(next, othersInFlight);
        }
        next = Math.max(1.0, next);
        int held = Math.max((int) next, taking);
        if (!newBurst) {
            // Later throttles of a burst lower the hold only by a measure: one that says nothing of the provider's
            // capacity would pin the limit where the burst's cut left it, below what the provider takes.
            held = measured ? Math.min(heldAt, held) : heldAt;
        }
        long paused = retryAfterMs > 0 ? Math.max(pausedUntilMs, nowMs + retryAfterMs) : pausedUntilMs;
        return new LimitState(next, paused, newBurst ? nowMs : decreasedAtMs, held, tokens, version);
    }

    /** The same limit with that token budget. */
    public LimitState withTokens(TokenBudget budget) {
        return new LimitState(limit, pausedUntilMs, decreasedAtMs, heldAt, budget, version);
    }

    /** Whether that state says anything this one does not (so storing it is worth a write). */
    public boolean differsFrom(LimitState other) {
        return limit != other.limit || pausedUntilMs != other.pausedUntilMs || decreasedAtMs != other.decreasedAtMs
                || heldAt != other.heldAt
                || !tokens.equals(other.tokens);
    }
}
