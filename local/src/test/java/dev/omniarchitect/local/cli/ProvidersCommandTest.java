package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code omni providers} says what is configured, and from where, without showing a key. */
class ProvidersCommandTest {

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
