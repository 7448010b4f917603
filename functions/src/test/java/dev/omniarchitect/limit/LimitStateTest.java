package dev.omniarchitect.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The additive increase and multiplicative decrease, within the ceiling and never below one. */
class LimitStateTest {

    @Test
    void aThrottleCutsTheLimitOnceABurstAndPausesForTheWaitAsked() {
        LimitState cut = LimitState.initial(10).afterThrottle(10, 5_000, 2_000, 0);
        assertEquals(7, cut.slots(10));
        assertEquals(7_000, cut.pausedUntilMs());
        LimitState sameBurst = cut.afterThrottle(10, 5_500, 0, 0);
        assertEquals(7, sameBurst.slots(10), "a throttle within a second of the cut is the same overload");
        assertEquals(7_000, sameBurst.pausedUntilMs(), "a throttle without a wait does not shorten the pause");
        assertEquals(4, sameBurst.afterThrottle(10, 6_100, 0, 0).slots(10));
    }

    @Test
    void theLimitNeverFallsBelowOneNorRisesAboveTheCeiling() {
        LimitState low = new LimitState(1, 0, 0, 3);
        assertEquals(1, low.afterThrottle(10, 60_000, 0, 0).slots(10));
        LimitState state = LimitState.initial(3).afterThrottle(3, 10_000, 0, 0);
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
    void aThrottleCutsTheLimitToWhatTheOthersHadInFlightWhenItCameBack() {
        // Ten calls at once at a provider that takes five: five 429s, each given back while others still run.
        LimitState state = LimitState.initial(10);
        int[] others = {9, 8, 7, 6, 5};
        for (int i = 0; i < others.length; i++) {
            state = state.afterThrottle(10, 5_000 + i * 10, 1_000, others[i]);
        }
        assertEquals(5, state.slots(10), "what the provider took");
        assertEquals(6_040, state.pausedUntilMs(), "one pause to the latest Retry-After, not five in a row");
        assertEquals(3, state.afterThrottle(10, 9_000, 0, 1).slots(10),
                "one other in flight at a limit of five says nothing of capacity: a cut to 70%");
    }

    @Test
    void aLimitABurstLeftIsNotRaisedAboveItUntilTheHoldEnds() {
        // Six in flight at a limit of six: the provider took the five others.
        LimitState state = new LimitState(6, 0, 0, 0).afterThrottle(10, 5_000, 1_000, 5);
        assertEquals(4, state.slots(10), "cut to 70%");
        for (int i = 0; i < 100; i++) {
            state = state.afterSuccess(10, 7_000);
        }
        assertEquals(5, state.slots(10), "held at what the burst left: no probe at six");
        for (int i = 0; i < 6; i++) {
            state = state.afterSuccess(10, 5_000 + LimitState.HOLD_MS);
        }
        assertEquals(6, state.slots(10), "after the hold it probes again");
        LimitState probed = state.afterThrottle(10, 5_000 + LimitState.HOLD_MS + 10, 1_000, 5);
        assertEquals(4, probed.slots(10), "the probe's 429 cuts to 70%");
        for (int i = 0; i < 100; i++) {
            probed = probed.afterSuccess(10, 5_000 + LimitState.HOLD_MS + 500);
        }
        assertEquals(5, probed.slots(10), "and climbs back to what the provider took, no further");
    }

    @Test
    void theHoldIsWhatTheProviderTookNotWhereTheCutLeftTheLimit() {
        // Seven in flight at a limit of seven, six of them taken: the cut leaves four, the hold is six.
        LimitState state = new LimitState(7, 0, 0, 0).afterThrottle(10, 5_000, 1_000, 6);
        assertEquals(4, state.slots(10));
        assertEquals(6, state.heldAt(), "what the others had in flight, not the limit after the cut");
        // A later 429 of the burst that measures nothing (no other call in flight) leaves the hold as it is ...
        LimitState unmeasured = state.afterThrottle(10, 5_200, 0, 0);
        assertEquals(6, unmeasured.heldAt());
        // ... and one that does measure lowers it to what it saw.
        assertEquals(5, unmeasured.afterThrottle(10, 5_300, 0, 5).heldAt());
        for (int i = 0; i < 100; i++) {
            unmeasured = unmeasured.afterSuccess(10, 7_000);
        }
        assertEquals(6, unmeasured.slots(10), "successes climb back to the hold within it");
    }

    @Test
    void aRefusalWithHalfTheLimitInFlightMeasuresTheProviderAndFewerDoNot() {
        // The first burst at a ceiling of ten against a provider that takes five: the refused call saw five others.
        LimitState measured = LimitState.initial(10).afterThrottle(10, 5_000, 1_000, 5);
        assertEquals(5, measured.slots(10), "five of ten in flight: what the provider took, not a cut to seven");
        assertEquals(5, measured.heldAt());
        // Two others at a limit of ten: a provider refusing at any concurrency (requests per minute) says nothing.
        LimitState unmeasured = LimitState.initial(10).afterThrottle(10, 5_000, 1_000, 2);
        assertEquals(7, unmeasured.slots(10), "a cut to 70%");
    }
}
