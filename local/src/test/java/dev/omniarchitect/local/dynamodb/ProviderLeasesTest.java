package dev.omniarchitect.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.json.Json;
import dev.omniarchitect.limit.Lease;
import dev.omniarchitect.limit.LeaseStore;
import dev.omniarchitect.limit.LimitState;
import dev.omniarchitect.limit.ProviderCeilings;
import dev.omniarchitect.limit.ProviderLimiter;
import dev.omniarchitect.limit.dynamodb.DynamoDbLeaseStore;
import dev.omniarchitect.local.limit.EngineLeaseStore;
import dev.omniarchitect.local.runtime.MutableClock;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.Deadline;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.ProviderException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The provider-wide leases and adaptive limit against DynamoDB Local, with its real conditional writes, and against
 * the engine's memory, which keeps the same conditions.
 */
class ProviderLeasesTest extends DynamoDbLocalTestBase {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final MutableClock clock = new MutableClock();

    /** Both stores keep the same contract: the table every deployed instance shares, and an engine's memory. */
    enum Stores {
        DYNAMODB_LOCAL {
            @Override
            LeaseStore fresh() {
                String table = "limits-" + TABLES.incrementAndGet();
                LocalTables.ensureLimits(aws.dynamoDb(), table);
                return new DynamoDbLeaseStore(aws.dynamoDb(), table);
            }
        },
        ENGINE_MEMORY {
            @Override
            LeaseStore fresh() {
                return new EngineLeaseStore();
            }
        };

        abstract LeaseStore fresh();
    }

    private ProviderLimiter limiter(LeaseStore store, int ceiling) {
        return new ProviderLimiter(store, new ProviderCeilings(Map.of("openai", ceiling)),
                new StructuredLog(new PrintStream(OutputStream.nullOutputStream()), Json.mapper(), clock), clock);
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void concurrentTakersOfOneSlotHaveExactlyOneWinner(Stores stores) {
        LeaseStore store = stores.fresh();
        Instant now = clock.instant();
        List<CompletableFuture<Boolean>> takes = IntStream.range(0, 16)
                .mapToObj(i -> store.take("openai", 0, "holder-" + i, now, now.plusSeconds(30))).toList();
        assertEquals(1, takes.stream().filter(CompletableFuture::join).count());
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void concurrentAcquirersNeverHoldMoreLeasesThanTheLimitAndAllGetOne(Stores stores) {
        int ceiling = 3;
        ProviderLimiter limiter = limiter(stores.fresh(), ceiling);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<CompletableFuture<Lease>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(limiter.acquire("openai", Deadline.in(Duration.ofSeconds(60), clock)).thenCompose(lease -> {
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                // Holds its lease as a call would, then gives it back.
                return CompletableFuture.supplyAsync(() -> lease,
                                CompletableFuture.delayedExecutor(15, TimeUnit.MILLISECONDS))
                        .thenCompose(held -> {
                            inFlight.decrementAndGet();
                            return limiter.release(held, false).thenApply(done -> held);
                        });
            }));
        }
        List<Lease> leases = calls.stream().map(CompletableFuture::join).toList();
        assertEquals(24, leases.stream().filter(Lease::held).count(), "every acquirer got a real lease");
        assertTrue(peak.get() <= ceiling, "peak " + peak.get() + " above the limit " + ceiling);
        assertTrue(peak.get() >= 2, "the leases were used concurrently, peak " + peak.get());
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aDeadHoldersLeaseExpiresAndItsCapacityReturns(Stores stores) {
        LeaseStore store = stores.fresh();
        ProviderLimiter limiter = limiter(store, 1);
        Lease held = limiter.acquire("openai", Deadline.in(Duration.ofSeconds(5), clock)).join();
        assertTrue(held.held());
        // Its holder dies without giving it back: nobody else gets the one slot within a short deadline ...
        CompletableFuture<Lease> blocked = limiter.acquire("openai", Deadline.in(Duration.ofMillis(300), clock));
        ProviderException refused = assertFailsWith(blocked);
        assertEquals(ErrorCode.PROVIDER_TIMEOUT, refused.code());
        // ... until the lease's own expiry (the call's deadline plus a margin) has passed.
        clock.advance(Duration.ofSeconds(16));
        Lease next = limiter.acquire("openai", Deadline.in(Duration.ofSeconds(5), clock)).join();
        assertTrue(next.held());
        assertEquals(held.slot(), next.slot());
        // The dead holder's late give-back does not free the new holder's slot.
        store.giveBack("openai", held.slot(), held.holder()).join();
        assertEquals(java.util.Set.of(next.slot()), store.read("openai", clock.instant()).join().busy());
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void throttlesLowerTheSharedLimitAndPauseTheProviderAndSuccessesRaiseItBackToTheCeiling(Stores stores) {
        LeaseStore store = stores.fresh();
        ProviderLimiter limiter = limiter(store, 10);
        Lease lease = limiter.acquire("openai", Deadline.in(Duration.ofSeconds(30), clock)).join();
        Lease again = limiter.acquire("openai", Deadline.in(Duration.ofSeconds(30), clock)).join();
        limiter.release(lease, new ProviderException(ErrorCode.PROVIDER_RATE_LIMITED, "429", true,
                Duration.ofSeconds(2), null)).join();
        LimitState lowered = store.read("openai", clock.instant()).join().state().orElseThrow();
        assertEquals(7, lowered.slots(10));
        assertTrue(lowered.pausedUntilMs() > clock.millis(), "the provider is paused for everyone");
        // A second throttle of the same burst does not cut it again.
        limiter.release(again, new ProviderException(ErrorCode.PROVIDER_RATE_LIMITED, "429", true, null, null)).join();
        assertEquals(7, store.read("openai", clock.instant()).join().state().orElseThrow().slots(10));
        clock.advance(Duration.ofSeconds(3));
        // One success at a time uses one slot of seven: that says nothing of more, and raises nothing.
        for (int i = 0; i < 10; i++) {
            limiter.release(limiter.acquire("openai", Deadline.in(Duration.ofSeconds(30), clock)).join(), false).join();
        }
        assertEquals(7, store.read("openai", clock.instant()).join().state().orElseThrow().slots(10));
        // Rounds that use up the limit raise it: for a while no higher than the burst left, then back to the
        // ceiling and no further.
        useUpTheLimit(store, limiter, 40);
        assertEquals(7, store.read("openai", clock.instant()).join().state().orElseThrow().slots(10),
                "held where the burst left it");
        clock.advance(Duration.ofSeconds(61));
        useUpTheLimit(store, limiter, 40);
        assertEquals(10, store.read("openai", clock.instant()).join().state().orElseThrow().slots(10),
                "successes raise the limit back to the ceiling and no further");
    }

    private void useUpTheLimit(LeaseStore store, ProviderLimiter limiter, int rounds) {
        for (int round = 0; round < rounds; round++) {
            int slots = store.read("openai", clock.instant()).join().state().orElseThrow().slots(10);
            List<Lease> all = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                all.add(limiter.acquire("openai", Deadline.in(Duration.ofSeconds(30), clock)).join());
            }
            all.forEach(held -> limiter.release(held, false).join());
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aLeaseIsHandedOverOnlyByItsHolderWhileTheProviderIsNotPausedAndTheLimitCoversItsSlot(Stores stores) {
        LeaseStore store = stores.fresh();
        Instant now = clock.instant();
        Instant later = now.plusSeconds(30);
        assertTrue(store.take("openai", 4, "first", now, later).join());
        assertFalse(store.handOver("openai", 4, "someone-else", "second", now, later).join(), "not the holder");
        assertTrue(store.handOver("openai", 4, "first", "second", now, later).join(), "no state yet: allowed");
        assertFalse(store.take("openai", 4, "third", now, later).join(), "the slot stays busy, now second's");
        LimitState none = LimitState.initial(10);
        assertTrue(store.replace("openai", none, new LimitState(4, 0, 0, 0)).join());
        assertFalse(store.handOver("openai", 4, "second", "third", now, later).join(),
                "a limit of 4 covers slots 0 to 3 only");
        LimitState four = store.read("openai", now).join().state().orElseThrow();
        assertTrue(store.replace("openai", four, new LimitState(5, now.toEpochMilli() + 60_000, 0, 0)).join());
        assertFalse(store.handOver("openai", 4, "second", "third", now, later).join(), "paused");
        assertTrue(store.handOver("openai", 4, "second", "third", now.plusSeconds(61), later).join(),
                "the pause is over");
        store.giveBack("openai", 4, "third").join();
        assertTrue(store.read("openai", now).join().busy().isEmpty(), "the last holder gave it back");
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aSlotIsTakenInOneWriteOnlyWhenFreeUnpausedAndCoveredByTheLimit(Stores stores) {
        LeaseStore store = stores.fresh();
        Instant now = clock.instant();
        Instant later = now.plusSeconds(30);
        assertTrue(store.takeIfAllowed("openai", 4, "first", now, later).join(), "no state yet: allowed");
        assertFalse(store.takeIfAllowed("openai", 4, "second", now, later).join(), "the slot is first's");
        assertTrue(store.takeIfAllowed("openai", 4, "second", later.plusMillis(1), later.plusSeconds(30)).join(),
                "first's lease has expired");
        assertTrue(store.replace("openai", LimitState.initial(10), new LimitState(4, 0, 0, 0)).join());
        assertFalse(store.takeIfAllowed("openai", 5, "third", now, later).join(), "a limit of 4 covers slots 0 to 3");
        assertTrue(store.takeIfAllowed("openai", 3, "third", now, later).join());
        LimitState four = store.read("openai", now).join().state().orElseThrow();
        assertTrue(store.replace("openai", four, new LimitState(4, now.toEpochMilli() + 60_000, 0, 0)).join());
        assertFalse(store.takeIfAllowed("openai", 2, "fourth", now, later).join(), "paused");
        assertTrue(store.takeIfAllowed("openai", 2, "fourth", now.plusSeconds(61), later).join(), "the pause is over");
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aLimiterThatReadTheStateLatelyTakesItsNextLeaseInOneWriteAndStillSeesWhatOthersStored(Stores stores) {
        CountingLeaseStore store = new CountingLeaseStore(stores.fresh());
        ProviderLimiter limiter = limiter(store, 5);
        Lease first = limiter.acquire("openai", Deadline.in(Duration.ofSeconds(30), clock)).join();
        int read = store.reads.get();
        assertTrue(read >= 1, "the first lease reads the state");
        Lease second = limiter.acquire("openai", Deadline.in(Duration.ofSeconds(30), clock)).join();
        assertTrue(second.held());
        assertTrue(first.slot() != second.slot(), "a slot held here is not tried again");
        assertEquals(read, store.reads.get(), "the second is one conditional write, no read");
        assertEquals(1, store.fastTakes.get());
        // Another instance stores a pause: the next fast take fails on it, and the caller waits the pause out.
        ProviderLimiter other = limiter(store.inner, 5);
        Lease others = other.acquire("openai", Deadline.in(Duration.ofSeconds(30), clock)).join();
        other.release(others, new ProviderException(ErrorCode.PROVIDER_RATE_LIMITED, "429", true,
                Duration.ofSeconds(60), null)).join();
        assertEquals(ErrorCode.PROVIDER_TIMEOUT,
                assertFailsWith(limiter.acquire("openai", Deadline.in(Duration.ofSeconds(2), clock))).code());
        assertEquals(2, store.fastTakes.get(), "it tried the fast way, and the store refused it");
        clock.advance(Duration.ofSeconds(61));
        assertTrue(limiter.acquire("openai", Deadline.in(Duration.ofSeconds(30), clock)).join().held());
        // Past the freshness of its read, a limiter reads again (twice when the take came back more than 20 ms
        // after that read, on a busy machine: it then checks for a pause stored meanwhile).
        clock.advance(Duration.ofSeconds(3));
        int reads = store.reads.get();
        limiter.acquire("openai", Deadline.in(Duration.ofSeconds(30), clock)).join();
        assertTrue(store.reads.get() > reads, "no read past the freshness of the last one");
    }

    /** The store, with its reads and one-write takes counted. */
    private static final class CountingLeaseStore implements LeaseStore {
        final LeaseStore inner;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger fastTakes = new AtomicInteger();

        CountingLeaseStore(LeaseStore inner) {
            this.inner = inner;
        }

        @Override
        public CompletableFuture<Snapshot> read(String provider, Instant now) {
            reads.incrementAndGet();
            return inner.read(provider, now);
        }

        @Override
        public CompletableFuture<Boolean> take(String provider, int slot, String holder, Instant now,
                                               Instant expiresAt) {
            return inner.take(provider, slot, holder, now, expiresAt);
        }

        @Override
        public CompletableFuture<Boolean> takeIfAllowed(String provider, int slot, String holder, Instant now,
                                                        Instant expiresAt) {
            fastTakes.incrementAndGet();
            return inner.takeIfAllowed(provider, slot, holder, now, expiresAt);
        }

        @Override
        public CompletableFuture<Boolean> handOver(String provider, int slot, String from, String to, Instant now,
                                                   Instant expiresAt) {
            return inner.handOver(provider, slot, from, to, now, expiresAt);
        }

        @Override
        public CompletableFuture<Void> giveBack(String provider, int slot, String holder) {
            return inner.giveBack(provider, slot, holder);
        }

        @Override
        public CompletableFuture<Boolean> replace(String provider, LimitState expected, LimitState next) {
            return inner.replace(provider, expected, next);
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void aPausedProviderGivesNoLeaseUntilThePauseEnds(Stores stores) {
        LeaseStore store = stores.fresh();
        ProviderLimiter limiter = limiter(store, 5);
        assertTrue(store.replace("openai", LimitState.initial(5),
                new LimitState(5, clock.millis() + 60_000, 0, 0)).join());
        assertEquals(ErrorCode.PROVIDER_TIMEOUT,
                assertFailsWith(limiter.acquire("openai", Deadline.in(Duration.ofSeconds(2), clock))).code());
        clock.advance(Duration.ofSeconds(61));
        assertTrue(limiter.acquire("openai", Deadline.in(Duration.ofSeconds(2), clock)).join().held());
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void stateWritesAreConditionalOnTheVersionRead(Stores stores) {
        LeaseStore store = stores.fresh();
        LimitState none = LimitState.initial(5);
        assertTrue(store.replace("openai", none, new LimitState(4, 0, 0, 0)).join());
        assertFalse(store.replace("openai", none, new LimitState(3, 0, 0, 0)).join(), "a stale writer loses");
        LimitState stored = store.read("openai", clock.instant()).join().state().orElseThrow();
        assertEquals(4, stored.slots(5));
        assertTrue(store.replace("openai", stored, new LimitState(3, 0, 0, 0)).join());
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void theOfflineBlueprintProviderIsNeverLimited(Stores stores) {
        Lease lease = limiter(stores.fresh(), 1).acquire("blueprint", Deadline.in(Duration.ofSeconds(1), clock)).join();
        assertFalse(lease.held());
    }

    private static ProviderException assertFailsWith(CompletableFuture<?> future) {
        Throwable error = future.handle((value, thrown) -> thrown).join();
        while (error != null && !(error instanceof ProviderException) && error.getCause() != null) {
            error = error.getCause();
        }
        assertTrue(error instanceof ProviderException, "expected a provider failure, got " + error);
        return (ProviderException) error;
    }
}
