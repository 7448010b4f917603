package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.MaxConcurrency;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One {@code --concurrency} for the commands that run jobs (the bench module checks its own): bounds, default, refusal. */
class ConcurrencyOptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "serve"})
    void everyCommandRefusesAValueOutsideTheBoundsBeforeDoingAnything(String command) {
        for (int value : new int[] {MaxConcurrency.MIN - 1, MaxConcurrency.MAX + 1}) {
            StringWriter err = new StringWriter();
            int status = OmniCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                    Map.of()).execute(command, "--concurrency", Integer.toString(value));

            assertEquals(ExitStatus.BAD_INPUT, status, err.toString());
            assertTrue(err.toString().contains("--concurrency must be a whole number from " + MaxConcurrency.MIN
                    + " to " + MaxConcurrency.MAX + ", got " + value), err.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "serve"})
    void everyCommandsHelpGivesTheBoundsAndTheDefault(String command) {
        StringWriter out = new StringWriter();
        assertEquals(0, OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                Map.of()).execute(command, "--help"));

        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains(MaxConcurrency.MIN + " to " + MaxConcurrency.MAX + " (default: "
                + MaxConcurrency.DEFAULT + ", as deployed)"), help);
    }
}
