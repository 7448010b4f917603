package dev.omniarchitect.limit;

/**
 * A provider's tokens-per-minute budget as a bucket every instance shares: it holds at most a minute's
 * tokens and refills continuously at the per-minute rate. A call spends its estimate before it starts; the
 * usage the provider reports corrects it afterwards (a refund when the estimate was high). The bucket may
 * go below zero when a call used more than estimated: later calls then wait for the refill.
 *
 * @param perMinute  the tokens the provider takes per minute; 0 when none is known (no budget)
 * @param available  the tokens in the bucket at {@code atMs}
 * @param atMs       epoch ms of the last refill
 */
public record TokenBudget(long perMinute, double available, long atMs) {

    /** No budget: the provider publishes none and none is configured. */
    public static final TokenBudget NONE = new TokenBudget(0, 0, 0);

    /** Whether there is a budget to keep. */
    public boolean active() {
        return perMinute > 0;
    }

    /** The bucket refilled up to {@code nowMs}. */
    public TokenBudget at(long nowMs) {
        if (!active() || nowMs <= atMs) {
            return this;
        }
        double refill = perMinute * (nowMs - atMs) / 60_000.0;
        return new TokenBudget(perMinute, Math.min(perMinute, available + refill), nowMs);
    }

    /**
     * How long until {@code tokens} fit, from {@code nowMs}; 0 when they fit now. A call asking more than a
     * whole minute's budget needs only a full bucket, or it would wait forever.
     */
    public long waitMs(long tokens, long nowMs) {
        if (!active() || tokens <= 0) {
            return 0;
        }
        double needed = Math.min(tokens, perMinute) - at(nowMs).available;
        return needed <= 0 ? 0 : (long) Math.ceil(needed * 60_000.0 / perMinute);
    }

    /** The bucket after spending {@code tokens} at {@code nowMs} (a negative amount gives tokens back). */
    public TokenBudget spend(long tokens, long nowMs) {
        if (!active()) {
            return this;
        }
        TokenBudget now = at(nowMs);
        return new TokenBudget(perMinute, Math.min(perMinute, now.available - tokens), now.atMs);
    }

    /**
     * The bucket under a per-minute rate set by configuration or learned from the provider's headers: a new
     * rate starts full (when none was known) or keeps what is left, never more than the new rate.
     */
    public TokenBudget withRate(long rate, long nowMs) {
        if (rate <= 0 || rate == perMinute) {
            return rate <= 0 ? NONE : this;
        }
        TokenBudget now = at(nowMs);
        double left = active() ? Math.min(rate, now.available) : rate;
        return new TokenBudget(rate, left, nowMs);
    }

    /** The bucket holding no more than the provider says is left ({@code remaining} tokens). */
    public TokenBudget atMost(long remaining, long nowMs) {
        if (!active()) {
            return this;
        }
        TokenBudget now = at(nowMs);
        return now.available <= remaining ? now : new TokenBudget(perMinute, remaining, now.atMs);
    }
}
