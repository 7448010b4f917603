package dev.omniarchitect.local.limit;

import dev.omniarchitect.limit.LeaseStore;
import dev.omniarchitect.limit.LimitState;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The provider limits of one engine, in its memory. A store shared between processes is what lets many
 * function instances keep to one limit; an engine is the only process of its data directory that calls
 * providers, so its leases need no store round trip (two to four DynamoDB Local requests per provider call,
 * on every call's path). Each operation runs under one lock, in turn: the same atomic, conditional writes as
 * {@link dev.omniarchitect.limit.dynamodb.DynamoDbLeaseStore}, completed off the caller's thread as a store's
 * answers are. What it learned about a provider ends with the engine; leases would have expired anyway.
 */
public final class EngineLeaseStore implements LeaseStore, AutoCloseable {

    /**
     * Threads the answers complete on: what a caller does next (a provider call's request, say) runs there, so
     * one caller's next step never holds up another's lease.
     */
    private static final int THREADS = 4;

    private record Held(String holder, long expiresAtMs) {
    }

    /** One provider's state and leases. */
    private static final class Provider {
        private LimitState state;
        private final Map<Integer, Held> leases = new HashMap<>();
    }

    private final CompletableFuture<Void> firstLease = new CompletableFuture<>();
    /** Touched only under its own lock. */
    private final Map<String, Provider> providers = new HashMap<>();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread leases = new Thread(runnable, "omni-leases-" + threadCount.incrementAndGet());
        leases.setDaemon(true);
        return leases;
    });

    @Override
    public CompletableFuture<Snapshot> read(String provider, Instant now) {
        return inTurn(() -> {
            Provider held = providers.get(provider);
            if (held == null) {
                return new Snapshot(Optional.empty(), Set.of());
            }
            Set<Integer> busy = new HashSet<>();
            held.leases.forEach((slot, lease) -> {
                if (lease.expiresAtMs() > now.toEpochMilli()) {
                    busy.add(slot);
                }
            });
            return new Snapshot(Optional.ofNullable(held.state), busy);
        });
    }

    @Override
    public CompletableFuture<Boolean> take(String provider, int slot, String holder, Instant now, Instant expiresAt) {
        return inTurn(() -> takeFree(provider(provider), slot, holder, now, expiresAt));
    }

    @Override
    public CompletableFuture<Boolean> takeIfAllowed(String provider, int slot, String holder, Instant now,
                                                    Instant expiresAt) {
        return inTurn(() -> {
            Provider held = provider(provider);
            return allows(held.state, slot, now) && takeFree(held, slot, holder, now, expiresAt);
        });
    }

    @Override
    public CompletableFuture<Boolean> handOver(String provider, int slot, String from, String to, Instant now,
                                               Instant expiresAt) {
        return inTurn(() -> {
            Provider held = provider(provider);
            Held lease = held.leases.get(slot);
            if (!allows(held.state, slot, now) || lease == null || !lease.holder().equals(from)) {
                return false;
            }
            held.leases.put(slot, new Held(to, expiresAt.toEpochMilli()));
            return true;
        });
    }

    @Override
    public CompletableFuture<Void> giveBack(String provider, int slot, String holder) {
        return inTurn(() -> {
            Provider held = provider(provider);
            Held lease = held.leases.get(slot);
            if (lease != null && lease.holder().equals(holder)) {
                held.leases.remove(slot);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> replace(String provider, LimitState expected, LimitState next) {
        return inTurn(() -> {
            Provider held = provider(provider);
            long stored = held.state == null ? 0 : held.state.version();
            if (stored != expected.version()) {
                return false;
            }
            held.state = new LimitState(next.limit(), next.pausedUntilMs(), next.decreasedAtMs(), next.heldAt(),
                    next.tokens(), expected.version() + 1);
            return true;
        });
    }

    /** The store's condition on a take or a hand-over: no pause at {@code now}, a limit that covers the slot. */
    private static boolean allows(LimitState state, int slot, Instant now) {
        return state == null || (state.pausedUntilMs() <= now.toEpochMilli() && state.limit() >= slot + 1);
    }

    private boolean takeFree(Provider held, int slot, String holder, Instant now, Instant expiresAt) {
        Held lease = held.leases.get(slot);
        if (lease != null && lease.expiresAtMs() > now.toEpochMilli()) {
            return false;
        }
        held.leases.put(slot, new Held(holder, expiresAt.toEpochMilli()));
        firstLease.complete(null);
        return true;
    }

    /** Completes when a lease is first taken here: the engine's first provider call is about to start. */
    public CompletableFuture<Void> firstLease() {
        return firstLease;
    }

    private Provider provider(String name) {
        return providers.computeIfAbsent(name, any -> new Provider());
    }

    private <T> CompletableFuture<T> inTurn(Supplier<T> operation) {
        return CompletableFuture.supplyAsync(() -> {
            synchronized (providers) {
                return operation.get();
            }
        }, threads);
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
