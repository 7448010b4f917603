package dev.omniarchitect.limit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This instance's side of each provider's leases, kept without the store: the callers waiting for one, the
 * callers looking for a free slot at the moment, and the slots held here.
 */
final class LocalLeases {

    private final Clock clock;
    /**
     * The callers of this instance waiting for a lease of each provider: a lease given back here goes straight
     * to the first of them (one conditional write instead of a give-back, a read and a take), and a slot
     * freed otherwise makes them all look again at once.
     */
    private final Map<String, Queue<Waiter>> waiting = new ConcurrentHashMap<>();
    /** How many callers here are reading and taking each provider's slots at the moment. */
    private final Map<String, AtomicInteger> looking = new ConcurrentHashMap<>();
    /** The slots of each provider this instance holds a lease on: a fast take tries none of them. */
    private final Map<String, Set<Integer>> heldHere = new ConcurrentHashMap<>();

    LocalLeases(Clock clock) {
        this.clock = clock;
    }

    /** A caller waiting for a lease; claimed by its own timer or by a lease handed over, whichever comes first. */
    static final class Waiter {
        private final Wanted wanted;
        private final AtomicBoolean claimed = new AtomicBoolean();
        /** The lease handed over, or null: look again. */
        private final CompletableFuture<Lease> handed = new CompletableFuture<>();

        private Waiter(Wanted wanted) {
            this.wanted = wanted;
        }

        Wanted wanted() {
            return wanted;
        }

        /** Ends the wait of a waiter claimed for a hand-over: with the lease, or null when it was not handed. */
        void hand(Lease lease) {
            handed.complete(lease);
        }
    }

    /** Whether callers here wait for a lease of that provider. */
    boolean anyWaiting(String provider) {
        Queue<Waiter> queue = waiting.get(provider);
        return queue != null && !queue.isEmpty();
    }

    /**
     * Queues the caller: its future ends with a lease handed over, or with null when it should look again
     * (after the wait, or when a slot is freed here).
     */
    CompletableFuture<Lease> enqueue(Wanted wanted, long waitMs) {
        Waiter waiter = new Waiter(wanted);
        Queue<Waiter> queue = waiting.computeIfAbsent(wanted.provider(), p -> new ConcurrentLinkedQueue<>());
        queue.add(waiter);
        arm(waiter, queue, waitMs);
        return waiter.handed;
    }

    /**
     * Wakes the waiter after that wait to look for a slot itself, unless a lease held here will be handed to the
     * queue when its call ends and another caller here is already looking: then it stays queued for another
     * wait (within its deadline and patience). Waiters that all looked at once would be out of the queue when a
     * lease is given back, which then goes back to the store and stays unused until one of them looks again.
     */
    private void arm(Waiter waiter, Queue<Waiter> queue, long waitMs) {
        CompletableFuture.delayedExecutor(waitMs, TimeUnit.MILLISECONDS).execute(() -> {
            Wanted wanted = waiter.wanted;
            long waited = clock.millis() - wanted.startMs();
            boolean handOverComing = !held(wanted.provider()).isEmpty() && lookers(wanted.provider()).get() > 0;
            if (handOverComing && !waiter.claimed.get() && wanted.deadline().allows(Duration.ofMillis(2 * waitMs))
                    && wanted.withinPatience(waited, 2 * waitMs)) {
                arm(waiter, queue, waitMs);
            } else if (waiter.claimed.compareAndSet(false, true)) {
                queue.remove(waiter);
                waiter.handed.complete(null);
            }
        });
    }

    /** A slot was freed here: every waiter looks again at once. */
    void wake(String provider) {
        Queue<Waiter> queue = waiting.get(provider);
        for (Waiter waiter = queue == null ? null : queue.poll(); waiter != null; waiter = queue.poll()) {
            if (waiter.claimed.compareAndSet(false, true)) {
                waiter.handed.complete(null);
            }
        }
    }

    /**
     * The first waiter here for that provider that neither its timer nor another hand-over claimed, now claimed
     * for a hand-over (it must be {@link Waiter#hand handed} a lease or null); null when there is none.
     */
    Waiter claimFirst(String provider) {
        Queue<Waiter> queue = waiting.get(provider);
        Waiter next = null;
        while (queue != null && next == null) {
            Waiter candidate = queue.poll();
            if (candidate == null) {
                break;
            }
            next = candidate.claimed.compareAndSet(false, true) ? candidate : null;
        }
        return next;
    }

    /** Counts a caller looking for one of that provider's slots until the action returned runs (once). */
    Runnable lookStarted(String provider) {
        AtomicInteger lookers = lookers(provider);
        lookers.incrementAndGet();
        AtomicBoolean looked = new AtomicBoolean();
        return () -> {
            if (looked.compareAndSet(false, true)) {
                lookers.decrementAndGet();
            }
        };
    }

    private AtomicInteger lookers(String provider) {
        return looking.computeIfAbsent(provider, p -> new AtomicInteger());
    }

    /** How many of that provider's slots this instance holds. */
    int heldCount(String provider) {
        return held(provider).size();
    }

    /** Whether this instance holds that slot. */
    boolean holds(String provider, int slot) {
        return held(provider).contains(slot);
    }

    /** Counts a slot taken here; how many of the provider's slots were held here before it. */
    int hold(String provider, int slot) {
        Set<Integer> mine = held(provider);
        int before = mine.size();
        mine.add(slot);
        return before;
    }

    /** Forgets a slot about to be given back: a fast take may try it from now on. */
    void forget(String provider, int slot) {
        held(provider).remove(slot);
    }

    private Set<Integer> held(String provider) {
        return heldHere.computeIfAbsent(provider, p -> ConcurrentHashMap.newKeySet());
    }
}
