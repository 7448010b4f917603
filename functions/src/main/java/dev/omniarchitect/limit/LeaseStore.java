package dev.omniarchitect.limit;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where every instance finds each provider's leases (numbered slots, one per call in flight) and its adaptive
 * limit. Taking a slot and replacing the state are conditional, so concurrent instances never both win.
 */
public interface LeaseStore {

    /**
     * A provider as read at one moment.
     *
     * @param state  its stored adaptive state; empty when none is stored yet
     * @param busy   the slots held by a lease that has not expired
     */
    record Snapshot(Optional<LimitState> state, Set<Integer> busy) {

        public Snapshot {
            busy = Set.copyOf(busy);
        }
    }

    /** The provider's state and busy slots, read consistently. */
    CompletableFuture<Snapshot> read(String provider, Instant now);

    /** Takes the slot for that holder unless an unexpired lease holds it; true when taken. */
    CompletableFuture<Boolean> take(String provider, int slot, String holder, Instant now, Instant expiresAt);

    /**
     * Takes the slot for that holder, in one conditional write, unless an unexpired lease holds it, the provider
     * is paused at {@code now} or its limit does not cover the slot; true when taken. The fast way to a lease for a
     * caller that already knows the provider's state.
     */
    CompletableFuture<Boolean> takeIfAllowed(String provider, int slot, String holder, Instant now, Instant expiresAt);

    /**
     * Gives the slot {@code from} holds straight to {@code to} (until {@code expiresAt}), in one conditional
     * write, unless the provider is paused at {@code now} or its limit no longer covers the slot; true when
     * handed over, false when it stays {@code from}'s.
     */
    CompletableFuture<Boolean> handOver(String provider, int slot, String from, String to, Instant now,
                                        Instant expiresAt);

    /** Gives the slot back, if that holder still holds it. */
    CompletableFuture<Void> giveBack(String provider, int slot, String holder);

    /**
     * Stores {@code next} as the provider's state if the stored one is still at {@code expected}'s version
     * (none stored for version 0); true when stored.
     */
    CompletableFuture<Boolean> replace(String provider, LimitState expected, LimitState next);
}
