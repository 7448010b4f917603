package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line in a log: a line as items end, with their pace and the time left while some remain. */
class ProgressLineTest {

    @Test
    void whileItemsRemainTheLineGivesThePaceAndTheTimeLeft() throws InterruptedException {
        StringWriter out = new StringWriter();
        try (ProgressLine progress = new ProgressLine(new PrintWriter(out, true), false)) {
            progress.start(10);
            Thread.sleep(50);
            progress.advanceTo(2, 0, 1);
            progress.advanceTo(2, 0, 1);
            Thread.sleep(50);
            progress.advanceTo(10, 1, 1);
            progress.finish();
        }
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), "a line when more items ended, none for the same count: " + lines);
        assertTrue(lines.get(0).matches("\\[2/10] cached 1  failed 0  \\d+\\.\\ds  \\d+\\.\\d items/s  about \\d+s left"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("[10/10] cached 1  failed 1"), lines.get(1));
        assertFalse(lines.get(1).contains("left"), "nothing left: " + lines.get(1));
    }

    @Test
    void timeLeftReadsAsAPersonSaysIt() {
        assertEquals("45s", ProgressLine.duration(45));
        assertEquals("3m 12s", ProgressLine.duration(192));
        assertEquals("1h 05m", ProgressLine.duration(3_900));
    }
}
