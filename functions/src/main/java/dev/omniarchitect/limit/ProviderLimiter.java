package dev.omniarchitect.limit;

import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.Deadline;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * it must not lose work. Where the provider has a tokens-per-minute budget ({@link TokenBudget}: configured in
 * {@link TokenBudgets}, or learned from its headers), a call also spends its estimated tokens before it starts,
 * waiting (as for a lease) until they fit, and its reported usage corrects the estimate afterwards.
 */
public final class ProviderLimiter {

    /** How long a lease outlasts the longest its call may take, for the give-back to arrive. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
    /** The first and the longest wait between looks for a free slot. */
    private static final long FIRST_POLL_MS = 20;
    private static final long MAX_POLL_MS = 250;
    /**
     * The longest wait between looks while other callers here wait for the same provider: a lease given back
     * here is handed to one of them at once, so looking more often would only load the store.
     */
    private static final long CROWDED_POLL_MS = 1_000;
    /** A state read older than this when its lease is taken is checked again for a pause stored since. */
    private static final long FRESH_READ_MS = 20;
    /**
     * For this long after a read of a provider's state, a caller here that finds nobody else waiting takes a slot
     * in one conditional write (the slot free, no pause, a limit that covers it) instead of reading first.
     */
    private static final long FAST_TAKE_MS = 2_000;
    /**
     * A throttle (its pause above all) is written back up to this many times while other writers win;
     * a raise is tried once, as the next success raises again.
     */
    private static final int STATE_WRITE_TRIES = 10;

    private final LeaseStore store;
    private final ProviderCeilings ceilings;
    private final TokenBudgets budgets;
    private final StructuredLog log;
    private final Clock clock;
    /** The callers here waiting for a lease or looking for one, and the slots held here. */
    private final LocalLeases local;
    /** Whether each provider had a token budget when its state was last read here. */
    private final Map<String, Boolean> budgeted = new ConcurrentHashMap<>();
    /** Each provider's limit and leases as this instance last read them when it took a lease. */
    private final Map<String, Seen> lastSeen = new ConcurrentHashMap<>();

    public ProviderLimiter(LeaseStore store, ProviderCeilings ceilings, StructuredLog log, Clock clock) {
        this(store, ceilings, TokenBudgets.NONE, log, clock);
    }

    public ProviderLimiter(LeaseStore store, ProviderCeilings ceilings, TokenBudgets budgets, StructuredLog log,
                           Clock clock) {
        this.store = store;
        this.ceilings = ceilings;
        this.budgets = budgets;
        this.log = log;
        this.clock = clock;
        this.local = new LocalLeases(clock);
    }

    /**
     * A lease for one call at that provider, once the limit allows it and no pause holds the provider; fails
     * with PROVIDER_TIMEOUT when the deadline would pass first.
     */
    public CompletableFuture<Lease> acquire(String provider, Deadline deadline) {
        return acquire(provider, 0, deadline, Optional.empty());
    }

    /**
     * A lease for one call at that provider that will use about {@code estimatedTokens}, once the limit allows
     * it, no pause holds the provider and the tokens fit its budget (if it has one); fails with
     * PROVIDER_TIMEOUT when the deadline would pass first, and with {@link ProviderBusyException} when the
     * wait would last longer than {@code patience} (when given).
     */
    public CompletableFuture<Lease> acquire(String provider, long estimatedTokens, Deadline deadline,
                                            Optional<Duration> patience) {
        OptionalInt ceiling = ceilings.of(provider);
        if (ceiling.isEmpty()) {
            return CompletableFuture.completedFuture(Lease.unlimited(provider));
        }
        Wanted wanted = new Wanted(provider, ceiling.getAsInt(), Math.max(0, estimatedTokens), deadline, patience,
                clock.millis());
        return fastTake(wanted).orElseGet(() -> look(wanted, 0));
    }

    /**
     * A lease in one conditional write, when this instance read the provider's state lately, saw no pause and no
     * token budget, and nobody here waits before this caller; empty otherwise. A slot others hold, a pause or a
     * lower limit stored since then make the write fail, and the caller looks as usual.
     */
    private Optional<CompletableFuture<Lease>> fastTake(Wanted wanted) {
        String provider = wanted.provider();
        Seen seen = lastSeen.get(provider);
        Instant now = clock.instant();
        if (seen == null || now.toEpochMilli() - seen.readAtMs() > FAST_TAKE_MS
                || seen.state().pausedUntilMs() > now.toEpochMilli() || !Boolean.FALSE.equals(budgeted.get(provider))
                || local.anyWaiting(provider)) {
            return Optional.empty();
        }
        List<Integer> free = new ArrayList<>();
        for (int slot = 0; slot < seen.state().slots(wanted.ceiling()); slot++) {
            if (!local.holds(provider, slot)) {
                free.add(slot);
            }
        }
        if (free.isEmpty()) {
            return Optional.empty();
        }
        int slot = free.get(ThreadLocalRandom.current().nextInt(free.size()));
        String holder = UUID.randomUUID().toString();
        return Optional.of(store.takeIfAllowed(provider, slot, holder, now,
                        wanted.leaseExpiry(now, LEASE_MARGIN))
                .handle((taken, error) -> error == null && taken)
                .thenCompose(taken -> {
                    if (!taken) {
                        return look(wanted, 0);
                    }
                    return CompletableFuture.completedFuture(taken(wanted, slot, holder, seen.elsewhere()));
                }));
    }

    /** Gives a slot back in the store, and forgets it here first: a fast take may try it from now on. */
    private CompletableFuture<Void> giveBackSlot(String provider, int slot, String holder) {
        local.forget(provider, slot);
        return store.giveBack(provider, slot, holder);
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
                failure.retryAfter().map(Duration::toMillis).orElse(0L), TokenNews.NONE);
    }

    /**
     * Gives back the lease of a call that was answered: the limit rises, unless the answer's rate-limit
     * headers said the provider is nearly out, which lowers it as a throttle would (with no pause).
     */
    public CompletableFuture<Void> release(Lease lease, boolean nearLimit) {
        return giveBack(lease, nearLimit ? Signal.NEARLY_OUT : Signal.SUCCEEDED, 0, TokenNews.NONE);
    }

    /**
     * Gives back the lease of a call that was answered, as {@link #release(Lease, boolean)}, and corrects the
     * provider's token budget: the usage reported replaces the estimate spent, and the answer's headers set
     * the budget's rate (its token limit) and cap what is left (its remaining tokens).
     */
    public CompletableFuture<Void> release(Lease lease, ProviderAnswer answer) {
        long used = answer.usage().inputTokens() + answer.usage().outputTokens();
        RateLimits limits = answer.limits();
        TokenNews news = new TokenNews(lease.tokens() > 0 && used > 0 ? used - lease.tokens() : 0,
                limits.tokensPerMinute(), limits.tokensRemaining());
        return giveBack(lease, answer.nearLimit() ? Signal.NEARLY_OUT : Signal.SUCCEEDED, 0, news);
    }

    private CompletableFuture<Void> giveBack(Lease lease, Signal signal, long pauseMs, TokenNews news) {
        if (!lease.held()) {
            return CompletableFuture.completedFuture(null);
        }
        int ceiling = ceilings.of(lease.provider()).orElse(ProviderCeilings.DEFAULT_CEILING);
        int inUseHere = local.heldCount(lease.provider());
        // A throttled lease is given back (its pause is about to be stored); any other goes to a waiter if any.
        CompletableFuture<Boolean> handed = signal == Signal.THROTTLED || signal == Signal.NEARLY_OUT
                ? CompletableFuture.completedFuture(false) : handOver(lease);
        CompletableFuture<Boolean> givenBack = handed.thenCompose(done -> done ? CompletableFuture.completedFuture(true)
                : giveBackSlot(lease.provider(), lease.slot(), lease.holder())
                        .exceptionally(error -> storeFailed("limit.give_back_failed", lease.provider(), error))
                        .whenComplete((given, error) -> local.wake(lease.provider()))
                        .thenApply(given -> false));
        Seen seen = lastSeen.get(lease.provider());
        // A success that cannot raise the limit, with nothing to say of tokens, needs no read of the state (the
        // usual case: two store calls fewer per provider call); a stale view only skips a raise, which the next
        // success tries again.
        if (news.empty() && (signal == Signal.NONE || signal == Signal.SUCCEEDED && seen != null
                && seen.noRaisePossible(ceiling, clock.millis(), inUseHere))) {
            return givenBack.thenApply(done -> null);
        }
        // A throttle (its pause above all) and token news are worth retrying against other writers; a raise is
        // not, as the next success raises again.
        int tries = signal == Signal.THROTTLED || signal == Signal.NEARLY_OUT || !news.empty() ? STATE_WRITE_TRIES : 1;
        // Read after the give-back (or hand-over), so that the leases still held are known.
        return givenBack.thenCompose(wasHanded -> adapt(lease.provider(), ceiling, signal, pauseMs, news, tries,
                        wasHanded, lease.others()))
                .exceptionally(error -> storeFailed("limit.state_write_failed", lease.provider(), error));
    }

    /** Hands the lease to the first waiter here, if there is one and the store allows it; true when handed. */
    private CompletableFuture<Boolean> handOver(Lease lease) {
        LocalLeases.Waiter waiter = local.claimFirst(lease.provider());
        if (waiter == null) {
            return CompletableFuture.completedFuture(false);
        }
        Instant now = clock.instant();
        String holder = UUID.randomUUID().toString();
        return store.handOver(lease.provider(), lease.slot(), lease.holder(), holder, now,
                        waiter.wanted().leaseExpiry(now, LEASE_MARGIN))
                .handle((done, error) -> {
                    boolean handed = error == null && done;
                    // Not handed (a pause, a lower limit, the store): the waiter looks again by itself.
                    Seen seen = lastSeen.get(lease.provider());
                    int others = local.heldCount(lease.provider()) - 1 + (seen == null ? 0 : seen.elsewhere());
                    waiter.hand(handed ? new Lease(lease.provider(), lease.slot(), holder,
                            clock.millis() - waiter.wanted().startMs(), Math.max(0, others)) : null);
                    return handed;
                });
    }

    private CompletableFuture<Lease> look(Wanted wanted, int round) {
        String provider = wanted.provider();
        Instant now = clock.instant();
        Runnable lookEnded = local.lookStarted(provider);
        int mineAtRead = local.heldCount(provider);
        return store.read(provider, now).thenCompose(snapshot -> {
            LimitState state = snapshot.state().orElse(LimitState.initial(wanted.ceiling()));
            Seen seen = new Seen(state, snapshot.busy().size(), now.toEpochMilli(), mineAtRead);
            lastSeen.put(provider, seen);
            long pause = state.pausedUntilMs() - now.toEpochMilli();
            if (pause > 0) {
                lookEnded.run();
                // Everyone waits out the provider's pause; a little jitter keeps them from arriving at once.
                return waitThen(wanted, round, pause + ThreadLocalRandom.current().nextLong(FIRST_POLL_MS + 1), false);
            }
            TokenBudget budget = budgets.holding(provider, state.tokens(), now.toEpochMilli());
            budgeted.put(provider, budget.active());
            long tokenWait = budget.waitMs(wanted.tokens(), now.toEpochMilli());
            if (tokenWait > 0) {
                lookEnded.run();
                return waitThen(wanted, round, tokenWait + ThreadLocalRandom.current().nextLong(FIRST_POLL_MS + 1),
                        false);
            }
            List<Integer> free = new ArrayList<>();
            for (int slot = 0; slot < state.slots(wanted.ceiling()); slot++) {
                if (!snapshot.busy().contains(slot)) {
                    free.add(slot);
                }
            }
            Collections.shuffle(free);
            long longest = local.anyWaiting(provider) ? CROWDED_POLL_MS : MAX_POLL_MS;
            return take(wanted, free, 0, seen.elsewhere()).thenCompose(lease -> {
                lookEnded.run();
                return lease != null
                        ? stillUnpaused(lease, wanted, round, now, budget.active())
                        : waitThen(wanted, round, ThreadLocalRandom.current().nextLong(FIRST_POLL_MS,
                                Math.min(longest, FIRST_POLL_MS << Math.min(8, round)) + 1), true);
            });
        }).exceptionally(error -> {
            lookEnded.run();
            Throwable cause = HttpFailures.unwrap(error);
            if (cause instanceof ProviderException || cause instanceof ProviderBusyException) {
                throw (RuntimeException) cause;
            }
            storeFailed("limit.store_failed", provider, cause);
            return new Lease(provider, -1, "", clock.millis() - wanted.startMs(), 0);
        });
    }

    /**
     * The lease (with its tokens spent, when the provider has a budget), unless a pause was stored since the
     * state was read and that read is no longer fresh (a slow store): then it is given back and the pause
     * waited out, so a pause holds for every caller.
     */
    private CompletableFuture<Lease> stillUnpaused(Lease lease, Wanted wanted, int round, Instant readAt,
                                                  boolean budgeted) {
        if (clock.millis() - readAt.toEpochMilli() <= FRESH_READ_MS) {
            return withTokens(lease, wanted, round, budgeted);
        }
        return store.read(lease.provider(), clock.instant()).thenCompose(again -> {
            long pausedUntil = again.state().map(LimitState::pausedUntilMs).orElse(0L);
            if (pausedUntil <= clock.millis()) {
                return withTokens(lease, wanted, round, budgeted);
            }
            return giveBackSlot(lease.provider(), lease.slot(), lease.holder())
                    .thenCompose(given -> look(wanted, round + 1));
        });
    }

    /** The lease, with its tokens spent first when the provider has a budget. */
    private CompletableFuture<Lease> withTokens(Lease lease, Wanted wanted, int round, boolean budgeted) {
        return budgeted ? spendTokens(lease, wanted, round, STATE_WRITE_TRIES) : CompletableFuture.completedFuture(lease);
    }

    /**
     * The lease with the call's estimated tokens spent from the provider's budget, when it has one. Tokens
     * that no longer fit (others spent them since the first read) give the slot back and wait for the refill.
     */
    private CompletableFuture<Lease> spendTokens(Lease lease, Wanted wanted, int round, int tries) {
        String provider = wanted.provider();
        if (wanted.tokens() <= 0) {
            return CompletableFuture.completedFuture(lease);
        }
        return store.read(provider, clock.instant()).thenCompose(snapshot -> {
            long now = clock.millis();
            LimitState current = snapshot.state().orElse(LimitState.initial(wanted.ceiling()));
            TokenBudget budget = budgets.holding(provider, current.tokens(), now);
            if (!budget.active()) {
                return CompletableFuture.completedFuture(lease);
            }
            long wait = budget.waitMs(wanted.tokens(), now);
            if (wait > 0 || tries <= 0) {
                return giveBackSlot(provider, lease.slot(), lease.holder())
                        .whenComplete((done, error) -> local.wake(provider))
                        .thenCompose(given -> waitThen(wanted, round, Math.max(wait, FIRST_POLL_MS), false));
            }
            return store.replace(provider, current, current.withTokens(budget.spend(wanted.tokens(), now)))
                    .thenCompose(stored -> stored
                            ? CompletableFuture.completedFuture(lease.withTokens(wanted.tokens()))
                            : spendTokens(lease, wanted, round, tries - 1));
        });
    }

    /**
     * Takes the first of the free slots that is still free; {@code elsewhere} is how many leases other instances
     * held at the read, to which those held here when it is taken add up to the lease's {@link Lease#others()}.
     */
    private CompletableFuture<Lease> take(Wanted wanted, List<Integer> free, int index, int elsewhere) {
        if (index >= free.size()) {
            return CompletableFuture.completedFuture(null);
        }
        String provider = wanted.provider();
        Instant now = clock.instant();
        String holder = UUID.randomUUID().toString();
        int slot = free.get(index);
        return store.take(provider, slot, holder, now,
                        wanted.leaseExpiry(now, LEASE_MARGIN))
                .thenCompose(taken -> {
                    if (!taken) {
                        return take(wanted, free, index + 1, elsewhere);
                    }
                    return CompletableFuture.completedFuture(taken(wanted, slot, holder, elsewhere));
                });
    }

    /**
     * The lease of a slot just taken here, counted among those held here; {@code elsewhere} is how many leases
     * other instances held at the last read, to which those held here add up to its {@link Lease#others()}.
     */
    private Lease taken(Wanted wanted, int slot, String holder, int elsewhere) {
        int others = local.hold(wanted.provider(), slot) + elsewhere;
        return new Lease(wanted.provider(), slot, holder, clock.millis() - wanted.startMs(), others);
    }

    /**
     * Looks again after the wait: not when the deadline would pass first (PROVIDER_TIMEOUT), nor when the
     * whole wait would outlast the caller's patience ({@link ProviderBusyException}).
     */
    private CompletableFuture<Lease> waitThen(Wanted wanted, int round, long waitMs, boolean wakeOnRelease) {
        String provider = wanted.provider();
        if (!wanted.deadline().allows(Duration.ofMillis(waitMs))) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorCode.PROVIDER_TIMEOUT, provider
                    + " had no capacity free (provider-wide limit) before the item's deadline", false, null, null));
        }
        long waited = clock.millis() - wanted.startMs();
        if (!wanted.withinPatience(waited, waitMs)) {
            return CompletableFuture.failedFuture(new ProviderBusyException(provider, waited));
        }
        if (!wakeOnRelease) {
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(waitMs,
                    TimeUnit.MILLISECONDS)).thenCompose(done -> look(wanted, round + 1));
        }
        return local.enqueue(wanted, waitMs).thenCompose(lease -> lease == null ? look(wanted, round + 1)
                : withTokens(lease, wanted, round, Boolean.TRUE.equals(budgeted.get(provider))));
    }

    /**
     * Moves the stored limit by what the call's end said. A throttle measures what the provider was taking by
     * {@code othersAtTake}, the leases others held when the refused call took its own: a read now would miss the
     * calls that ended while the refusal came back, and count the other refused calls not yet given back.
     */
    private CompletableFuture<Void> adapt(String provider, int ceiling, Signal signal, long pauseMs, TokenNews news,
                                          int tries, boolean handed, int othersAtTake) {
        long now = clock.millis();
        return store.read(provider, clock.instant()).thenCompose(snapshot -> {
            LimitState current = snapshot.state().orElse(LimitState.initial(ceiling));
            // A limit rises only while it is used up: successes of a few calls under it prove nothing about
            // more, and would let it drift above what the provider takes.
            // A lease handed over is still among the busy ones; one given back is not.
            boolean usedUp = snapshot.busy().size() + (handed ? 0 : 1) >= current.slots(ceiling);
            boolean throttled = signal == Signal.THROTTLED || signal == Signal.NEARLY_OUT;
            LimitState next = throttled ? current.afterThrottle(ceiling, now, pauseMs,
                            signal == Signal.THROTTLED ? othersAtTake : 0)
                    : signal == Signal.SUCCEEDED && usedUp ? current.afterSuccess(ceiling, now) : current;
            if (!news.empty()) {
                next = next.withTokens(budgets.after(provider, current.tokens(), news, now));
            }
            if (!next.differsFrom(current)) {
                return CompletableFuture.completedFuture(null);
            }
            LimitState written = next;
            return store.replace(provider, current, written).thenCompose(stored -> {
                if (stored) {
                    if (throttled) {
                        log.info("limit.lowered", Map.of("provider", provider, "limit", written.slots(ceiling),
                                "pausedUntilMs", written.pausedUntilMs()));
                    }
                    return CompletableFuture.completedFuture(null);
                }
                // Another writer was first: a throttle or token news is worth reading again, a raise is not.
                if (tries > 1) {
                    return adapt(provider, ceiling, signal, pauseMs, news, tries - 1, handed, othersAtTake);
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
