package dev.omniarchitect.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MemorySize and JVM options as the bench reads them from a SAM template. */
class TemplateSettingsTest {

    private static final TemplateSettings TEMPLATE = TemplateSettings.parse(List.of(
            "Globals:",
            "  Function:",
            "    MemorySize: 1024",
            "    Architectures: [arm64]",
            "    Environment:",
            "      Variables:",
            "        JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1",
            "Resources:",
            "  ProviderCallFunction:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      # its own size",
            "      MemorySize: 512",
            "      Policies:",
            "        - Statement:",
            "            - Effect: Allow",
            "  AggregateFunction:",
            "    Properties:",
            "      Handler: dev.omniarchitect.handler.AggregateHandler::handleRequest",
            "      Environment:",
            "        Variables:",
            "          JAVA_TOOL_OPTIONS: '-Xshare:auto'",
            "  CacheTable:",
            "    Properties:",
            "      MemorySize: 64"));

    @Test
    void aFunctionsOwnMemorySizeWinsOverTheGlobalOne() {
        assertEquals(512, TEMPLATE.memorySizeMb("ProviderCallFunction"));
        assertEquals(1024, TEMPLATE.memorySizeMb("AggregateFunction"));
        assertEquals(1024, TEMPLATE.memorySizeMb("ApiFunction"));
    }

    @Test
    void jvmOptionsComeFromTheFunctionElseFromTheGlobals() {
        assertEquals(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"),
                TEMPLATE.javaToolOptions("ProviderCallFunction"));
        assertEquals(List.of("-Xshare:auto"), TEMPLATE.javaToolOptions("AggregateFunction"));
        assertEquals("[arm64]", TEMPLATE.architecture());
    }

    @Test
    void theRepositorysTemplateGivesEveryFunctionASize() {
        TemplateSettings template = TemplateSettings.read(Path.of("..", "template.yaml"));
        for (String function : TemplateSettings.FUNCTIONS) {
            int size = template.memorySizeMb(function);
            assertTrue(size >= 128 && size <= 10_240, function + ": " + size + " MB is outside Lambda's range");
        }
    }
}
