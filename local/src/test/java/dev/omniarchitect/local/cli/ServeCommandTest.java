package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code omni serve} and {@code omni invoke}: their help and their refusals, before anything starts. */
class ServeCommandTest {

    @Test
    void helpTextsNameTheOptions() {
        String serve = omni("serve", "--help");
        assertTrue(serve.contains("--port") && serve.contains("--concurrency") && serve.contains("ApiFunction"), serve);
        String invoke = omni("invoke", "--help");
        assertTrue(invoke.contains("--event") && invoke.contains("FUNCTION") && invoke.contains("sam local invoke"),
                invoke);
        String top = omni("--help");
        assertTrue(top.contains("serve") && top.contains("invoke"), top);
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        StringWriter err = new StringWriter();
        int status = OmniCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true), Map.of())
                .execute("serve", "--port", "70000");
        assertEquals(2, status);
        assertTrue(err.toString().contains("--port must be a whole number from 0 to 65535"), err.toString());
    }

    @Test
    void aNonLoopbackBindWithoutATokenIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        int status = OmniCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true), Map.of())
                .execute("serve", "--bind", "0.0.0.0", "--port", "0");
        assertEquals(2, status);
        assertTrue(err.toString().contains("OMNI_API_TOKEN") && err.toString().contains("0.0.0.0"), err.toString());
    }

    @Test
    void anExecutionLimitOutOfBoundsIsRefused() {
        StringWriter err = new StringWriter();
        int status = OmniCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                Map.of("OMNI_MAX_EXECUTIONS", "0")).execute("serve", "--port", "0");
        assertEquals(2, status);
        assertTrue(err.toString().contains("OMNI_MAX_EXECUTIONS must be a whole number from 1 to 256"), err.toString());
    }

    private static String omni(String... args) {
        StringWriter out = new StringWriter();
        assertEquals(0, OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                Map.of()).execute(args));
        return out.toString();
    }
}
