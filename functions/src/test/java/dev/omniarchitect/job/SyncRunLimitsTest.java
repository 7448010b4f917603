package dev.omniarchitect.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.batch.BatchDocument;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.CacheMode;
import dev.omniarchitect.batch.ItemSettings;
import dev.omniarchitect.batch.RunMode;
import dev.omniarchitect.batch.Violation;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What mode sync accepts: up to 5 items whose deadlines, three lanes at a time, fit in 25 s. */
class SyncRunLimitsTest {

    @Test
    void fiveItemsWhoseLanesFitAreAccepted() {
        assertEquals(List.of(), SyncRun.check(batch(12, 12, 25, 12, 12)), "lanes 12+12, 12+12, 25");
        assertEquals(List.of(), SyncRun.check(batch(25)));
    }

    @Test
    void sixItemsAreRefusedNamingItemsAndTheAsynchronousMode() {
        List<Violation> violations = SyncRun.check(batch(5, 5, 5, 5, 5, 5));
        assertEquals(1, violations.size());
        assertEquals("items", violations.get(0).field());
        assertTrue(violations.get(0).message().contains("at most 5 items"), violations.get(0).message());
        assertTrue(violations.get(0).message().contains("\"async\""), violations.get(0).message());
    }

    @Test
    void aLaneWhoseDeadlinesPass25SecondsNamesEachOfItsItems() {
        List<Violation> violations = SyncRun.check(batch(10, 5, 5, 20));
        assertEquals(List.of("items[0].options.timeoutSeconds", "items[3].options.timeoutSeconds"),
                violations.stream().map(Violation::field).toList(), "items 0 and 3 share a lane: 30 s");
        assertTrue(violations.get(0).message().contains("asynchronous mode"), violations.get(0).message());
        assertEquals("items[0].options.timeoutSeconds",
                SyncRun.check(batch(120)).get(0).field(), "the default 120 s never fits");
    }

    private static BatchDocument batch(int... timeouts) {
        return new BatchDocument(IntStream.range(0, timeouts.length).mapToObj(i -> new BatchItem("item-" + i,
                "dockerfile", "prompt", null, new ItemSettings("blueprint", "blueprint-v1", 0.2, 4096, timeouts[i],
                        CacheMode.USE, 3600, 3, List.of()))).toList(), RunMode.SYNC, null);
    }
}
