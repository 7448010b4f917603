package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.MaxConcurrency;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** With the bench's jar on the class path, {@code omni} has a bench command, with the shared --concurrency. */
class BenchSubcommandTest {

    @Test
    void theTopLevelHelpListsBenchWithAWholeSentence() {
        StringWriter out = new StringWriter();
        assertEquals(0, commandLine(out, new StringWriter()).execute("--help"));

        String line = out.toString().lines().filter(candidate -> candidate.trim().startsWith("bench "))
                .findFirst().orElseThrow(() -> new AssertionError("bench missing:\n" + out));
        assertTrue(line.trim().endsWith("."), "cut mid-sentence: " + line);
    }

    @Test
    void benchTakesTheSharedConcurrencyOption() {
        StringWriter out = new StringWriter();
        assertEquals(0, commandLine(out, new StringWriter()).execute("bench", "--help"));
        assertTrue(out.toString().replaceAll("\\s+", " ").contains(MaxConcurrency.MIN + " to " + MaxConcurrency.MAX
                + " (default: " + MaxConcurrency.DEFAULT + ", as deployed)"), out.toString());

        StringWriter err = new StringWriter();
        int status = commandLine(new StringWriter(), err).execute("bench", "--concurrency", "0");
        assertEquals(ExitStatus.BAD_INPUT, status, err.toString());
        assertTrue(err.toString().contains("--concurrency must be a whole number from " + MaxConcurrency.MIN + " to "
                + MaxConcurrency.MAX + ", got 0"), err.toString());
    }

    private static CommandLine commandLine(StringWriter out, StringWriter err) {
        return OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    }
}
