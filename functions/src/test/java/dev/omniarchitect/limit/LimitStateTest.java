package dev.omniarchitect.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The additive increase and multiplicative decrease, within the ceiling and never below one. */
class LimitStateTest {

    @Test
    void aThrottleCutsTheLimitOnceABurstAndPausesForTheWaitAsked() {
        LimitState cut = LimitState.initial(10).afterThrottle(10, 5_000, 2_000);
        assertEquals(7, cut.slots(10));
        assertEquals(7_000, cut.pausedUntilMs());
        LimitState sameBurst = cut.afterThrottle(10, 5_500, 0);
        assertEquals(7, sameBurst.slots(10), "a throttle within a second of the cut is the same overload");
        assertEquals(7_000, sameBurst.pausedUntilMs(), "a throttle without a wait does not shorten the pause");
        assertEquals(4, sameBurst.afterThrottle(10, 6_100, 0).slots(10));
    }

    @Test
    void theLimitNeverFallsBelowOneNorRisesAboveTheCeiling() {
        LimitState low = new LimitState(1, 0, 0, 3);
        assertEquals(1, low.afterThrottle(10, 60_000, 0).slots(10));
        LimitState state = LimitState.initial(3).afterThrottle(3, 10_000, 0);
        assertEquals(2, state.slots(3));
        for (int i = 0; i < 100; i++) {
            state = state.afterSuccess(3);
        }
        assertEquals(3.0, state.limit());
        assertEquals(2, new LimitState(9, 0, 0, 1).slots(2), "a ceiling lowered since applies at once");
    }

    @Test
    void successesAddOneLeasePerLimitsWorth() {
        LimitState state = new LimitState(4, 0, 0, 1);
        for (int i = 0; i < 4; i++) {
            state = state.afterSuccess(10);
        }
        assertEquals(4, state.slots(10), "not yet five after four successes at four");
        assertEquals(5, state.afterSuccess(10).afterSuccess(10).slots(10));
    }
}
