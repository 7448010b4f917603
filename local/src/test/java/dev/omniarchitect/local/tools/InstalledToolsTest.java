package dev.omniarchitect.local.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.ExternalCheck;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import dev.omniarchitect.validation.ValidationReport;
import dev.omniarchitect.validation.ValidatorRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real tools on the PATH add their findings, named with tool and version, to a kind's own; a tool that
 * hangs is killed at its time bound and says so; no tool is ever required. The tools here are real
 * processes: shellcheck and promtool where installed, and small executables written by the test that print
 * what hadolint prints.
 */
@DisabledOnOs(OS.WINDOWS)
class InstalledToolsTest {

    private static final GeneratedFile DOCKERFILE = new GeneratedFile("Dockerfile", """
            FROM debian:bookworm-slim
            ARG HOME_DIR=/opt/app
            COPY app /app
            RUN cp -r /app $HOME_DIR
            USER 10001
            ENTRYPOINT ["/opt/app/run"]
            """);

    @Test
    void aToolOnThePathAddsItsFindingsNamedWithItsVersionAndTheReportNamesIt(@TempDir Path bin) throws IOException {
        executable(bin, "hadolint", """
                #!/bin/sh
                if [ "$1" = "--version" ]; then echo "Haskell Dockerfile Linter 2.12.0"; exit 0; fi
                echo '[{"code":"DL3008","column":1,"file":"Dockerfile","level":"warning","line":4,"message":"Pin versions"}]'
                """);
        ValidatorRegistry registry = ValidatorRegistry.builtIn(
                InstalledTools.onPath(bin.toString(), List.of(new HadolintTool()), Duration.ofSeconds(30)));

        ValidationReport report = registry.validate("dockerfile", List.of(DOCKERFILE));

        assertEquals(List.of("hadolint 2.12.0"), report.tools());
        Finding hadolint = report.findings().stream().filter(f -> f.rule().equals("hadolint/DL3008")).findFirst()
                .orElseThrow(() -> new AssertionError(report.findings().toString()));
        assertEquals("Dockerfile", hadolint.path());
        assertEquals(4, hadolint.line());
        assertEquals(Severity.WARNING, hadolint.severity());
        assertEquals("hadolint 2.12.0: Pin versions", hadolint.message());
        assertTrue(report.findings().stream().anyMatch(f -> f.rule().equals("dockerfile/run-unquoted-expansion")),
                "the built-in findings stay");
    }

    @Test
    void aToolThatHangsIsStoppedAtItsBoundAndSaysSo(@TempDir Path bin) throws IOException {
        executable(bin, "hadolint", """
                #!/bin/sh
                if [ "$1" = "--version" ]; then echo "2.12.0"; exit 0; fi
                exec sleep 600
                """);
        ValidatorRegistry registry = ValidatorRegistry.builtIn(
                InstalledTools.onPath(bin.toString(), List.of(new HadolintTool()), Duration.ofSeconds(1)));

        ValidationReport report = registry.validate("dockerfile", List.of(DOCKERFILE));

        Finding failed = report.findings().stream().filter(f -> f.rule().equals("validation/tool-failed")).findFirst()
                .orElseThrow(() -> new AssertionError(report.findings().toString()));
        assertEquals("hadolint 2.12.0 did not finish within 1 s", failed.message());
        assertEquals(Severity.WARNING, failed.severity());
    }

    @Test
    void withoutToolsOrWithToolsOffNothingIsAddedAndNothingIsRequired(@TempDir Path emptyBin) {
        assertEquals(List.of(), InstalledTools.fromEnvironment(Map.of("PATH", emptyBin.toString())));
        assertEquals(List.of(), InstalledTools.fromEnvironment(Map.of("PATH", System.getenv("PATH"), "OMNI_TOOLS", "off")));
        ValidationReport report = ValidatorRegistry.builtIn(List.of()).validate("dockerfile", List.of(DOCKERFILE));
        assertEquals(List.of(), report.tools());
    }

    @Test
    void realShellcheckFindsTheUnquotedExpansionOfARunOnItsLine() {
        List<ExternalCheck> shellcheck = InstalledTools.onPath(System.getenv("PATH"), List.of(new ShellcheckTool()),
                Duration.ofSeconds(60));
        Assumptions.assumeFalse(shellcheck.isEmpty(), "shellcheck is not installed (Debian package shellcheck)");

        ValidationReport report = ValidatorRegistry.builtIn(shellcheck).validate("dockerfile", List.of(DOCKERFILE));

        assertTrue(report.tools().get(0).matches("shellcheck [0-9.]+"), report.tools().toString());
        Finding sc2086 = report.findings().stream().filter(f -> f.rule().equals("shellcheck/SC2086")).findFirst()
                .orElseThrow(() -> new AssertionError(report.findings().toString()));
        assertEquals(4, sc2086.line());
        assertTrue(sc2086.message().startsWith(report.tools().get(0) + ": "), sc2086.message());
    }

    @Test
    void realPromtoolRefusesAnUnclosedTemplateOnItsLine() {
        List<ExternalCheck> promtool = InstalledTools.onPath(System.getenv("PATH"), List.of(new PromtoolTool()),
                Duration.ofSeconds(60));
        Assumptions.assumeFalse(promtool.isEmpty(), "promtool is not installed (Debian package prometheus)");
        GeneratedFile rules = new GeneratedFile("alerts/rules.yml", """
                groups:
                  - name: g
                    rules:
                      - alert: Down
                        expr: up == 0
                        for: 5m
                        labels:
                          severity: critical
                        annotations:
                          summary: "{{ $labels.job } is down"
                """);

        ValidationReport report = ValidatorRegistry.builtIn(promtool).validate("prometheus-rules", List.of(rules));

        assertFalse(report.ok());
        assertTrue(report.findings().stream().anyMatch(f -> f.rule().equals("promtool/check-rules")
                && f.path().equals("alerts/rules.yml")), report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(f -> f.rule().equals("prometheus-rules/template-syntax")
                && f.line() == 10), report.findings().toString());
    }

    @Test
    void pathsOfExistingFilesAreKeptInsideTheToolsDirectory() {
        assertEquals("etc/x/Dockerfile", ToolCheck.relative("/etc/x/Dockerfile"));
        assertEquals("_/_/secret/Dockerfile", ToolCheck.relative("../../secret/Dockerfile"));
        assertEquals("a/Dockerfile", ToolCheck.relative("./a/Dockerfile"));
    }

    private static void executable(Path directory, String name, String script) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
