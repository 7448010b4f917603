package dev.omniarchitect.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.kind.AnswerParser;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.KindRegistry;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import dev.omniarchitect.validation.shell.EmbeddedScript;
import dev.omniarchitect.validation.shell.ShellProblem;
import dev.omniarchitect.validation.shell.Shellcheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Blueprint output passes the real tools too, where installed: shellcheck finds no error and no unquoted
 * expansion in any RUN or run: script, promtool accepts every rule file.
 */
class BlueprintRealToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "dockerfile|{\"runtime\":\"java\"}", "dockerfile|{\"runtime\":\"node\"}", "dockerfile|{\"runtime\":\"python\"}",
        "dockerfile|{\"runtime\":\"go\"}", "dockerfile|{\"runtime\":\"static\",\"port\":3000}",
        "github-actions|{\"language\":\"java\"}", "github-actions|{\"language\":\"node\"}",
        "github-actions|{\"language\":\"python\"}", "github-actions|{\"language\":\"go\"}",
    })
    void shellcheckFindsNothingToFixInBlueprintScripts(String kind, String params, @TempDir Path directory)
            throws Exception {
        InstalledTool shellcheck = InstalledTool.find("shellcheck").orElse(null);
        Assumptions.assumeTrue(shellcheck != null, "shellcheck is not installed (Debian package shellcheck)");
        List<String> problems = new ArrayList<>();
        FileValidator validator = ValidatorRegistry.builtIn().validator(kind);
        for (GeneratedFile file : render(kind, params)) {
            for (EmbeddedScript script : validator.scripts(file)) {
                Set<ShellProblem.Type> found = Shellcheck.problemTypes(shellcheck,
                        kind.equals("dockerfile") ? "sh" : "bash", script.text(), directory);
                if (!found.isEmpty()) {
                    problems.add(found + " in: " + script.text());
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{}",
        "{\"name\":\"checkout\",\"errorRatePercent\":10,\"latencyP99Seconds\":2,\"forMinutes\":3}",
    })
    void promtoolAcceptsBlueprintRuleFiles(String params, @TempDir Path directory) throws Exception {
        InstalledTool promtool = InstalledTool.find("promtool").orElse(null);
        Assumptions.assumeTrue(promtool != null, "promtool is not installed (Debian package prometheus)");
        for (GeneratedFile file : render("prometheus-rules", params)) {
            Files.writeString(directory.resolve("rules.yml"), file.content());
            InstalledTool.Run run = promtool.run(directory, "check", "rules", "rules.yml");
            assertEquals(0, run.exitCode(), run.output());
        }
    }

    private static List<GeneratedFile> render(String kind, String params) throws Exception {
        Kind k = KindRegistry.builtIn().get(kind);
        ProviderRequest request = new ProviderRequest(k, BlueprintProvider.MODEL, "render it", JSON.readTree(params),
                0.0, 4000, Duration.ofSeconds(5));
        return new AnswerParser().parse(k, BlueprintProvider.builtIn().generate(request).join().text());
    }
}
