package dev.omniarchitect.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.provider.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LocalLeasesTest {

    private static final String PROVIDER = "openai";
    /** A timer that does not fire while a test runs. */
    private static final long LONG_WAIT_MS = 600_000;

    private final Clock clock = Clock.systemUTC();
    private final LocalLeases local = new LocalLeases(clock);

    private Wanted wanted() {
        return new Wanted(PROVIDER, 4, 0, Deadline.in(Duration.ofHours(1), clock), Optional.empty(), clock.millis());
    }

    @Test
    void aWaiterHandedALeaseKeepsItWhenTheQueueIsWokenLater() {
        CompletableFuture<Lease> first = local.enqueue(wanted(), LONG_WAIT_MS);
        CompletableFuture<Lease> second = local.enqueue(wanted(), LONG_WAIT_MS);
        assertTrue(local.anyWaiting(PROVIDER));

        LocalLeases.Waiter claimed = local.claimFirst(PROVIDER);
        Lease lease = new Lease(PROVIDER, 2, "holder", 0, 0);
        claimed.hand(lease);
        local.wake(PROVIDER);

        assertSame(lease, first.join(), "first come, first handed; a wake does not take the lease back");
        assertNull(second.join(), "the others look again");
        assertNull(local.claimFirst(PROVIDER), "a woken waiter is out of the queue");
        assertFalse(local.anyWaiting(PROVIDER));
    }

    @Test
    void aWaiterWokenByItsTimerIsNeverHandedALease() {
        CompletableFuture<Lease> early = local.enqueue(wanted(), 1);
        CompletableFuture<Lease> patient = local.enqueue(wanted(), LONG_WAIT_MS);

        assertNull(early.join(), "nothing held here: its timer sends it to look again");
        LocalLeases.Waiter next = local.claimFirst(PROVIDER);
        next.hand(new Lease(PROVIDER, 0, "holder", 0, 0));
        assertEquals(0, patient.join().slot(), "the hand-over skips the waiter its timer claimed");
    }

    @Test
    void aWaiterStaysQueuedWhileALeaseHeldHereWillBeHandedOverAndAnotherCallerLooks() throws InterruptedException {
        assertEquals(0, local.hold(PROVIDER, 1));
        Runnable lookEnded = local.lookStarted(PROVIDER);
        CompletableFuture<Lease> waiting = local.enqueue(wanted(), 1);

        // Its timer fires every millisecond meanwhile; each time it finds the hand-over still coming (a slow
        // machine only fires it fewer times).
        Thread.sleep(50);
        assertFalse(waiting.isDone(), "it would have left the queue the lease is about to be handed to");
        lookEnded.run();
        assertNull(waiting.join(), "nobody looks any more: it looks itself");
    }

    @Test
    void slotsHeldHereAreCountedUntilForgotten() {
        assertEquals(0, local.hold(PROVIDER, 3));
        assertEquals(1, local.hold(PROVIDER, 0));
        assertTrue(local.holds(PROVIDER, 3));
        local.forget(PROVIDER, 3);
        assertFalse(local.holds(PROVIDER, 3));
        assertEquals(1, local.heldCount(PROVIDER));
        assertEquals(0, local.heldCount("anthropic"));
    }
}
