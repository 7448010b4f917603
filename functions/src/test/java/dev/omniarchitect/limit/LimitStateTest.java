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
            state = state.afterSuccess(3, 10_000 + LimitState.HOLD_MS);
        }
        assertEquals(3.0, state.limit());
        assertEquals(2, new LimitState(9, 0, 0, 1).slots(2), "a ceiling lowered since applies at once");
    }

    @Test
    void successesAddOneLeasePerLimitsWorth() {
        LimitState state = new LimitState(4, 0, 0, 1);
        for (int i = 0; i < 4; i++) {
            state = state.afterSuccess(10, 0);
        }
        assertEquals(4, state.slots(10), "not yet five after four successes at four");
        assertEquals(5, state.afterSuccess(10, 0).afterSuccess(10, 0).slots(10));
    }

    @Test
    void eachThrottleOfABurstTakesOneLeaseOffWhereTheBurstBegan() {
        // Ten calls at once at a provider that takes five: five 429s within the burst.
        LimitState state = LimitState.initial(10);
        for (int i = 0; i < 5; i++) {
            state = state.afterThrottle(10, 5_000 + i * 10, 1_000);
        }
        assertEquals(5, state.slots(10), "what the provider took");
        assertEquals(6_040, state.pausedUntilMs(), "one pause to the latest Retry-After, not five in a row");
        state = state.afterThrottle(10, 5_900, 0).afterThrottle(10, 5_950, 0).afterThrottle(10, 5_990, 0)
                .afterThrottle(10, 5_995, 0).afterThrottle(10, 5_999, 0);
        assertEquals(1, state.slots(10), "never below one");
    }

    @Test
    void aLimitABurstLeftIsNotRaisedAboveItUntilTheHoldEnds() {
        LimitState state = LimitState.initial(10);
        for (int i = 0; i < 5; i++) {
            state = state.afterThrottle(10, 5_000, 1_000);
        }
        for (int i = 0; i < 100; i++) {
            state = state.afterSuccess(10, 7_000);
        }
        assertEquals(5, state.slots(10), "held at what the burst left: no probe at six");
        for (int i = 0; i < 6; i++) {
            state = state.afterSuccess(10, 5_000 + LimitState.HOLD_MS);
        }
        assertEquals(6, state.slots(10), "after the hold it probes again");
        LimitState probed = state.afterThrottle(10, 5_000 + LimitState.HOLD_MS + 10, 1_000);
        assertEquals(4, probed.slots(10), "the probe's 429 cuts to 70%");
        for (int i = 0; i < 100; i++) {
            probed = probed.afterSuccess(10, 5_000 + LimitState.HOLD_MS + 500);
        }
        assertEquals(5, probed.slots(10), "and the limit climbs back to one under the probe, no further");
    }
}
