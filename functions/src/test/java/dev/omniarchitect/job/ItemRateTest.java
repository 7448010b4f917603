package dev.omniarchitect.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A running job's pace over its last minute, and the time left at that pace. */
class ItemRateTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static List<Instant> endedSecondsAgo(int... seconds) {
        return IntStream.of(seconds).mapToObj(NOW::minusSeconds).toList();
    }

    @Test
    void aYoungJobIsMeasuredSinceItStarted() {
        ItemRate rate = ItemRate.of(endedSecondsAgo(25, 20, 15, 10, 5), 5, 20, NOW.minusSeconds(30), NOW)
                .orElseThrow();

        assertEquals(0.17, rate.itemsPerSecond(), "5 items in 30 s");
        assertEquals(90, rate.etaSeconds(), "15 left at 1 item every 6 s");
    }

    @Test
    void anOlderJobGoesByItsLastMinuteNotItsFirst() {
        // A burst of cache hits at the start, then an item every 10 s.
        List<Instant> ended = new java.util.ArrayList<>(endedSecondsAgo(299, 299, 299, 299, 299, 299, 299, 299));
        ended.addAll(endedSecondsAgo(55, 45, 35, 25, 15, 5));

        ItemRate rate = ItemRate.of(ended, ended.size(), 24, NOW.minusSeconds(300), NOW).orElseThrow();

        assertEquals(0.1, rate.itemsPerSecond());
        assertEquals(100, rate.etaSeconds());
    }

    @Test
    void withoutAnItemEndedInTheLastMinuteThereIsNoPaceToGoBy() {
        assertEquals(Optional.empty(), ItemRate.of(endedSecondsAgo(90, 80), 2, 10, NOW.minusSeconds(100), NOW));
        assertEquals(Optional.empty(), ItemRate.of(List.of(), 0, 10, NOW.minusSeconds(5), NOW));
        assertEquals(Optional.empty(), ItemRate.of(endedSecondsAgo(0), 1, 10, NOW, NOW), "no time has passed");
    }

    @Test
    void itemsOfUnknownEndCountAsDoneButNotInThePace() {
        ItemRate rate = ItemRate.of(endedSecondsAgo(10), 4, 5, NOW.minusSeconds(10), NOW).orElseThrow();

        assertEquals(0.1, rate.itemsPerSecond());
        assertEquals(10, rate.etaSeconds(), "one item left");
        assertTrue(ItemRate.of(endedSecondsAgo(10), 5, 5, NOW.minusSeconds(10), NOW).orElseThrow().etaSeconds() == 0);
    }
}
