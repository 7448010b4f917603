package dev.omniarchitect.limit;

/**
 * A provider's adaptive limit as every instance sees it: additive increase after successes, multiplicative
 * decrease on throttling (at most once per {@link #DECREASE_SPACING_MS}, so one burst of 429s counts once),
 * never above the ceiling nor below 1, and a pause of the whole provider when it asked for one.
 *
 * @param limit          calls in flight allowed now; fractional so that increases can be gradual
 * @param pausedUntilMs  epoch ms before which no call may start (the provider's Retry-After); 0 for none
 * @param decreasedAtMs  epoch ms of the last decrease
 * @param tokens         the provider's tokens-per-minute budget ({@link TokenBudget#NONE} when it has none)
 * @param version        the stored version this state was read at; 0 when none is stored yet
 */
public record LimitState(double limit, long pausedUntilMs, long decreasedAtMs, TokenBudget tokens, long version) {

    public LimitState {
        tokens = tokens == null ? TokenBudget.NONE : tokens;
    }

    /** A state without a token budget. */
    public LimitState(double limit, long pausedUntilMs, long decreasedAtMs, long version) {
        this(limit, pausedUntilMs, decreasedAtMs, TokenBudget.NONE, version);
    }

    /** What a throttle leaves of the limit. */
    static final double DECREASE_FACTOR = 0.7;
    /** Throttles closer together than this are one overload, answered by one decrease. */
    static final long DECREASE_SPACING_MS = 1_000;

    /** The state of a provider nothing is stored for: its ceiling, no pause. */
    public static LimitState initial(int ceiling) {
        return new LimitState(ceiling, 0, 0, 0);
    }

    /** The whole number of leases the limit allows under that ceiling (which may have changed since). */
    public int slots(int ceiling) {
        return (int) Math.max(1, Math.min(ceiling, Math.floor(limit)));
    }

    /** After a successful call: one more lease for each limit's worth of successes, up to the ceiling. */
    public LimitState afterSuccess(int ceiling) {
        double raised = Math.min(ceiling, limit + 1.0 / Math.max(1.0, limit));
        return new LimitState(raised, pausedUntilMs, decreasedAtMs, tokens, version);
    }

    /**
     * After the provider throttled a call at {@code nowMs}: the limit cut (unless cut within the spacing) and,
     * when the provider said how long to wait, the whole provider paused that long.
     */
    public LimitState afterThrottle(int ceiling, long nowMs, long retryAfterMs) {
        double next = Math.min(limit, ceiling);
        long decreased = decreasedAtMs;
        if (nowMs - decreasedAtMs >= DECREASE_SPACING_MS) {
            next = Math.max(1.0, Math.floor(next * DECREASE_FACTOR));
            decreased = nowMs;
        }
        long paused = retryAfterMs > 0 ? Math.max(pausedUntilMs, nowMs + retryAfterMs) : pausedUntilMs;
        return new LimitState(next, paused, decreased, tokens, version);
    }

    /** The same limit with that token budget. */
    public LimitState withTokens(TokenBudget budget) {
        return new LimitState(limit, pausedUntilMs, decreasedAtMs, budget, version);
    }

    /** Whether that state says anything this one does not (so storing it is worth a write). */
    public boolean differsFrom(LimitState other) {
        return limit != other.limit || pausedUntilMs != other.pausedUntilMs || decreasedAtMs != other.decreasedAtMs
                || !tokens.equals(other.tokens);
    }
}
