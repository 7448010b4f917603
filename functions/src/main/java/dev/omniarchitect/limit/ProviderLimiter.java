package dev.omniarchitect.limit;

import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.Deadline;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One adaptive limit per provider shared by every job and instance: a call takes a lease before it starts
 * and gives it back after, and what the provider answered moves the shared limit (see {@link LimitState}).
 * Waiting for a lease is scheduled, never slept, and bounded by the item's deadline. A lease outlives a dead
 * holder by at most the call's own deadline plus {@link #LEASE_MARGIN}, after which its slot is free again.
 * When the store cannot be reached the call goes ahead unleased (logged): the limit protects the provider,
 * it must not lose work.
 */
public final class ProviderLimiter {

    /** How long a lease outlasts the longest its call may take, for the give-back to arrive. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
    /** The first and the longest wait between looks for a free slot. */
    private static final long FIRST_POLL_MS = 20;
    private static final long MAX_POLL_MS = 250;
    /** A state read older than this when its lease is taken is checked again for a pause stored since. */
    private static final long FRESH_READ_MS = 20;
    /**
     * A throttle (its pause above all) is written back up to this many times while other writers win;
     * a raise is tried once, as the next success raises again.
     */
    private static final int STATE_WRITE_TRIES = 10;

    private final LeaseStore store;
    private final ProviderCeilings ceilings;
    private final StructuredLog log;
    private final Clock clock;
    /** Completed when this instance gives a lease back, so local waiters look again at once. */
    private final Map<String, CompletableFuture<Void>> released = new ConcurrentHashMap<>();
    /** Each provider's limit and leases as this instance last read them when it took a lease. */
    private final Map<String, Seen> lastSeen = new ConcurrentHashMap<>();

    /** A read of a provider's state: its limit then, and how many leases others held. */
    private record Seen(LimitState state, int busy) {

        /** Whether a success could not raise that limit: at its ceiling, or not used up. */
        boolean noRaisePossible(int ceiling) {
            return state.limit() >= ceiling || busy + 1 < state.slots(ceiling);
        }
    }

    public ProviderLimiter(LeaseStore store, ProviderCeilings ceilings, StructuredLog log, Clock clock) {
        this.store = store;
        this.ceilings = ceilings;
        this.log = log;
        this.clock = clock;
    }

    /**
     * A lease for one call at that provider, once the limit allows it and no pause holds the provider; fails
     * with PROVIDER_TIMEOUT when the deadline would pass first.
     */
    public CompletableFuture<Lease> acquire(String provider, Deadline deadline) {
        OptionalInt ceiling = ceilings.of(provider);
        if (ceiling.isEmpty()) {
            return CompletableFuture.completedFuture(Lease.unlimited(provider));
        }
        return look(provider, ceiling.getAsInt(), deadline, clock.millis(), 0);
    }

    /**
     * Gives back the lease of a call that failed: a throttle (429, 529) lowers the limit and pauses the
     * provider for the wait it asked; other failures leave the limit as it is.
     */
    public CompletableFuture<Void> release(Lease lease, ProviderException failure) {
        if (failure == null) {
            return release(lease, false);
        }
        return giveBack(lease, failure.throttled() ? Signal.THROTTLED : Signal.NONE,
                failure.retryAfter().map(Duration::toMillis).orElse(0L));
    }

    /**
     * Gives back the lease of a call that was answered: the limit rises, unless the answer's rate-limit
     * headers said the provider is nearly out, which lowers it as a throttle would (with no pause).
     */
    public CompletableFuture<Void> release(Lease lease, boolean nearLimit) {
        return giveBack(lease, nearLimit ? Signal.THROTTLED : Signal.SUCCEEDED, 0);
    }

    /** What a call's end says about the provider's capacity. */
    private enum Signal { SUCCEEDED, THROTTLED, NONE }

    private CompletableFuture<Void> giveBack(Lease lease, Signal signal, long pauseMs) {
        if (!lease.held()) {
            return CompletableFuture.completedFuture(null);
        }
        int ceiling = ceilings.of(lease.provider()).orElse(ProviderCeilings.DEFAULT_CEILING);
        CompletableFuture<Void> givenBack = store.giveBack(lease.provider(), lease.slot(), lease.holder())
                .exceptionally(error -> storeFailed("limit.give_back_failed", lease.provider(), error))
                .whenComplete((done, error) -> wake(lease.provider()));
        Seen seen = lastSeen.get(lease.provider());
        // A success that cannot raise the limit needs no read of the state (the usual case: two store calls
        // fewer per provider call); a stale view only skips a raise, which the next success tries again.
        if (signal == Signal.NONE || (signal == Signal.SUCCEEDED && seen != null && seen.noRaisePossible(ceiling))) {
            return givenBack;
        }
        boolean throttled = signal == Signal.THROTTLED;
        // Read after the give-back, so that the leases still held are the others' alone.
        return givenBack.thenCompose(given -> adapt(lease.provider(), ceiling, throttled, pauseMs,
                        throttled ? STATE_WRITE_TRIES : 1))
                .exceptionally(error -> storeFailed("limit.state_write_failed", lease.provider(), error));
    }

    private CompletableFuture<Lease> look(String provider, int ceiling, Deadline deadline, long startMs, int round) {
        Instant now = clock.instant();
        return store.read(provider, now).thenCompose(snapshot -> {
            LimitState state = snapshot.state().orElse(LimitState.initial(ceiling));
            lastSeen.put(provider, new Seen(state, snapshot.busy().size()));
            long pause = state.pausedUntilMs() - now.toEpochMilli();
            if (pause > 0) {
                // Everyone waits out the provider's pause; a little jitter keeps them from arriving at once.
                return waitThen(provider, ceiling, deadline, startMs, round,
                        pause + ThreadLocalRandom.current().nextLong(FIRST_POLL_MS + 1), false);
            }
            List<Integer> free = new ArrayList<>();
            for (int slot = 0; slot < state.slots(ceiling); slot++) {
                if (!snapshot.busy().contains(slot)) {
                    free.add(slot);
                }
            }
            Collections.shuffle(free);
            return take(provider, free, 0, deadline, startMs).thenCompose(lease -> lease != null
                    ? stillUnpaused(lease, ceiling, deadline, startMs, round, now)
                    : waitThen(provider, ceiling, deadline, startMs, round,
                            ThreadLocalRandom.current().nextLong(FIRST_POLL_MS,
                                    Math.min(MAX_POLL_MS, FIRST_POLL_MS << Math.min(8, round)) + 1), true));
        }).exceptionally(error -> {
            Throwable cause = HttpFailures.unwrap(error);
            if (cause instanceof ProviderException known) {
                throw known;
            }
            storeFailed("limit.store_failed", provider, cause);
            return new Lease(provider, -1, "", clock.millis() - startMs);
        });
    }

    /**
     * The lease, unless a pause was stored since the state was read and that read is no longer fresh (a
     * slow store): then it is given back and the pause waited out, so a pause holds for every caller.
     */
    private CompletableFuture<Lease> stillUnpaused(Lease lease, int ceiling, Deadline deadline, long startMs,
                                                  int round, Instant readAt) {
        if (clock.millis() - readAt.toEpochMilli() <= FRESH_READ_MS) {
            return CompletableFuture.completedFuture(lease);
        }
        return store.read(lease.provider(), clock.instant()).thenCompose(again -> {
            long pausedUntil = again.state().map(LimitState::pausedUntilMs).orElse(0L);
            if (pausedUntil <= clock.millis()) {
                return CompletableFuture.completedFuture(lease);
            }
            return store.giveBack(lease.provider(), lease.slot(), lease.holder())
                    .thenCompose(given -> look(lease.provider(), ceiling, deadline, startMs, round + 1));
        });
    }

    private CompletableFuture<Lease> take(String provider, List<Integer> free, int index, Deadline deadline,
                                          long startMs) {
        if (index >= free.size()) {
            return CompletableFuture.completedFuture(null);
        }
        Instant now = clock.instant();
        String holder = UUID.randomUUID().toString();
        int slot = free.get(index);
        return store.take(provider, slot, holder, now, now.plus(deadline.remaining()).plus(LEASE_MARGIN))
                .thenCompose(taken -> taken
                        ? CompletableFuture.completedFuture(new Lease(provider, slot, holder, clock.millis() - startMs))
                        : take(provider, free, index + 1, deadline, startMs));
    }

    private CompletableFuture<Lease> waitThen(String provider, int ceiling, Deadline deadline, long startMs, int round,
                                              long waitMs, boolean wakeOnRelease) {
        if (!deadline.allows(Duration.ofMillis(waitMs))) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorCode.PROVIDER_TIMEOUT, provider
                    + " had no capacity free (provider-wide limit) before the item's deadline", false, null, null));
        }
        CompletableFuture<Object> timer = CompletableFuture.supplyAsync(() -> null,
                CompletableFuture.delayedExecutor(waitMs, TimeUnit.MILLISECONDS));
        CompletableFuture<Object> woken = wakeOnRelease
                ? CompletableFuture.anyOf(timer, released.computeIfAbsent(provider, p -> new CompletableFuture<>()))
                : timer;
        return woken.thenCompose(waited -> look(provider, ceiling, deadline, startMs, round + 1));
    }

    private void wake(String provider) {
        CompletableFuture<Void> waiting = released.remove(provider);
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    private CompletableFuture<Void> adapt(String provider, int ceiling, boolean throttled, long pauseMs, int tries) {
        long now = clock.millis();
        return store.read(provider, clock.instant()).thenCompose(snapshot -> {
            LimitState current = snapshot.state().orElse(LimitState.initial(ceiling));
            // A limit rises only while it is used up: successes of a few calls under it prove nothing about
            // more, and would let it drift above what the provider takes.
            boolean usedUp = snapshot.busy().size() + 1 >= current.slots(ceiling);
            LimitState next = throttled ? current.afterThrottle(ceiling, now, pauseMs)
                    : usedUp ? current.afterSuccess(ceiling) : current;
            if (!next.differsFrom(current)) {
                return CompletableFuture.completedFuture(null);
            }
            return store.replace(provider, current, next).thenCompose(stored -> {
                if (stored) {
                    if (throttled) {
                        log.info("limit.lowered", Map.of("provider", provider, "limit", next.slots(ceiling),
                                "pausedUntilMs", next.pausedUntilMs()));
                    }
                    return CompletableFuture.completedFuture(null);
                }
                // Another writer was first: a throttle is worth reading again, a raise is not.
                if (tries > 1) {
                    return adapt(provider, ceiling, throttled, pauseMs, tries - 1);
                }
                if (throttled) {
                    log.warn("limit.throttle_not_stored", Map.of("provider", provider));
                }
                return CompletableFuture.<Void>completedFuture(null);
            });
        });
    }

    private Void storeFailed(String event, String provider, Throwable error) {
        log.warn(event, Map.of("provider", provider,
                "reason", HttpFailures.unwrap(error).getClass().getSimpleName()));
        return null;
    }
}
