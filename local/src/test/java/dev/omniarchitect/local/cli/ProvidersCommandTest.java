package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.testing.LoopbackOpenAiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni providers} says what is configured, and from where, without showing a key. */
class ProvidersCommandTest {

    @TempDir
    Path temp;

    @Test
    void listsEveryProviderWithItsConfigurationAndNeverAKey() {
        String out = providers(Map.of("OPENAI_API_KEY", "sk-never-show-me-123", "AWS_REGION", "eu-west-1",
                "OMNI_DEFAULT_PROVIDER", "openai", "OLLAMA_HOST", "127.0.0.1:11500"));

        assertFalse(out.contains("sk-never-show-me-123"), out);
        assertTrue(row(out, "openai (default)").contains("yes"), out);
        assertTrue(row(out, "openai (default)").contains("OPENAI_API_KEY, endpoint https://api.openai.com/v1"), out);
        assertTrue(row(out, "bedrock").contains("region eu-west-1"), out);
        assertTrue(row(out, "anthropic").contains(" no ") && row(out, "anthropic").contains("set ANTHROPIC_API_KEY"),
                out);
        assertTrue(row(out, "ollama").contains("OLLAMA_HOST http://127.0.0.1:11500"), out);
        assertTrue(row(out, "blueprint").contains("blueprint-v1"), out);
    }

    @Test
    void withNothingSetOnlyTheOfflineProvidersAreConfiguredAndBlueprintIsTheDefault() {
        String out = providers(Map.of());
        assertTrue(row(out, "blueprint (default)").contains("yes"), out);
        assertTrue(row(out, "bedrock").contains("not configured: set AWS_REGION"), out);
        assertTrue(row(out, "openai").contains("not configured"), out);
    }

    @Test
    void checkAsksEachConfiguredProviderWhetherItAnswers() throws Exception {
        try (LoopbackOpenAiServer openAi = LoopbackOpenAiServer.start();
             java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            int refusing = closed.getLocalPort();
            closed.close();
            Map<String, String> environment = Map.of("OMNI_DATA_DIR", temp.resolve("data").toString(),
                    "OPENAI_BASE_URL", openAi.baseUrl(),
                    "ANTHROPIC_API_KEY", "sk-ant-never-show-me", "ANTHROPIC_BASE_URL", "http://127.0.0.1:" + refusing,
                    "OLLAMA_HOST", "http://127.0.0.1:" + refusing);
            StringWriter out = new StringWriter();
            int status = OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                    environment).execute("providers", "--check");
            String table = out.toString();

            assertEquals(1, status, "anthropic and ollama do not answer: " + table);
            assertTrue(row(table, "openai").contains(" yes  ") && openAi.calls() == 1, table);
            assertTrue(row(table, "anthropic").contains("no: PROVIDER_UNAVAILABLE"), table);
            assertTrue(row(table, "ollama").contains("no: PROVIDER_UNAVAILABLE"), table);
            assertTrue(row(table, "bedrock").contains("no: not configured"), table);
            assertTrue(row(table, "blueprint").contains("yes (offline)"), table);
            assertFalse(table.contains("sk-ant-never-show-me"), table);

            // The check is a call like any other: a 429 with Retry-After pauses the whole provider, and the next
            // check waits that pause out under the shared limit (past its 10 s) instead of calling again.
            openAi.replies(request -> new LoopbackOpenAiServer.Reply(429,
                    LoopbackOpenAiServer.Reply.error(429, "slow down").body(), Map.of("Retry-After", "60")));
            StringWriter throttled = new StringWriter();
            OmniCommand.commandLine(new PrintWriter(throttled, true), new PrintWriter(new StringWriter(), true),
                    environment).execute("providers", "--check");
            assertTrue(row(throttled.toString(), "openai").contains("no: PROVIDER_RATE_LIMITED"), throttled.toString());
            StringWriter paused = new StringWriter();
            OmniCommand.commandLine(new PrintWriter(paused, true), new PrintWriter(new StringWriter(), true),
                    environment).execute("providers", "--check");
            assertTrue(row(paused.toString(), "openai").contains("no: PROVIDER_TIMEOUT"), paused.toString());
            assertEquals(2, openAi.calls(), "the paused provider was not called by the check");
        } finally {
            TestEngines.stop(temp.resolve("data"));
        }
        assertTrue(providers(Map.of()).contains("not checked (--check)"), "without --check nothing is called");
    }

    private static String providers(Map<String, String> environment) {
        StringWriter out = new StringWriter();
        int status = OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                environment).execute("providers");
        assertEquals(0, status);
        return out.toString();
    }

    private static String row(String table, String provider) {
        return Arrays.stream(table.split("\n")).filter(line -> line.startsWith(provider + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + provider + " in\n" + table));
    }
}
