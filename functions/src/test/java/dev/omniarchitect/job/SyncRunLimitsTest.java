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

/** What mode sync accepts: up to 5 items, whatever their deadlines (the call's budget cuts them). */
class SyncRunLimitsTest {

    @Test
    void fiveItemsAreAcceptedWhateverTheirDeadlines() {
        assertEquals(List.of(), SyncRun.check(batch(120, 120, 600, 12, 1)));
        assertEquals(List.of(), SyncRun.check(batch(120)), "the default 120 s deadline is cut to the budget");
    }

    @Test
    void sixItemsAreRefusedNamingItemsAndTheAsynchronousMode() {
        List<Violation> violations = SyncRun.check(batch(5, 5, 5, 5, 5, 5));
        assertEquals(1, violations.size());
        assertEquals("items", violations.get(0).field());
        assertTrue(violations.get(0).message().contains("at most 5 items"), violations.get(0).message());
        assertTrue(violations.get(0).message().contains("\"async\""), violations.get(0).message());
    }

    private static BatchDocument batch(int... timeouts) {
        return new BatchDocument(IntStream.range(0, timeouts.length).mapToObj(i -> new BatchItem("item-" + i,
                "dockerfile", "prompt", null, new ItemSettings("blueprint", "blueprint-v1", 0.2, 4096, timeouts[i],
                        CacheMode.USE, 3600, 3, List.of()))).toList(), RunMode.SYNC, null);
    }
}
