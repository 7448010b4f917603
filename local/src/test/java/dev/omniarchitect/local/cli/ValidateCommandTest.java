package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omni validate} checks existing files without a provider, for pre-commit hooks and CI. */
class ValidateCommandTest {

    private record Result(int status, String out, String err) {
    }

    @Test
    void cleanFilesOfSeveralKindsExitZero(@TempDir Path dir) throws IOException {
        Path main = write(dir, "infra/main.tf", """
                terraform {
                  required_providers {
                    aws = { source = "hashicorp/aws", version = "~> 6.0" }
                  }
                }
                resource "aws_s3_bucket" "logs" {
                  bucket = var.name
                }
                """);
        Path variables = write(dir, "infra/variables.tf", """
                variable "name" {
                  type        = string
                  description = "The bucket's name."
                }
                """);
        Path workflow = write(dir, ".github/workflows/ci.yml", """
                on: push
                permissions:
                  contents: read
                jobs:
                  test:
                    runs-on: ubuntu-24.04
                    timeout-minutes: 10
                    steps:
                      - uses: actions/checkout@v4
                      - run: echo "ok"
                """);

        Result result = validate(Map.of(), main.toString(), variables.toString(), workflow.toString());

        assertEquals(0, result.status(), result.out() + result.err());
        assertTrue(result.out().contains("3 files (terraform, github-actions): 0 errors, 0 warnings"), result.out());
        assertTrue(result.out().contains("no real tool installed"), result.out());
    }

    @Test
    void aFileWithErrorsExitsOneAndNamesEachFindingWithFileLineAndRule(@TempDir Path dir) throws IOException {
        Path dockerfile = write(dir, "Dockerfile", """
                FROM debian:bookworm-slim
                COPY app /app
                RUN if [ -f /app/setup.sh ]; sh /app/setup.sh; fi
                USER 10001
                ENTRYPOINT ["/app/run"]
                """);

        Result result = validate(Map.of(), dockerfile.toString());

        assertEquals(1, result.status(), result.out());
        assertTrue(result.out().contains(dockerfile.toString().replace('\\', '/')
                + ":3: error dockerfile/run-shell-syntax: RUN: 'if' on line 1 needs 'then'"), result.out());
        assertTrue(result.out().contains("1 file (dockerfile): 1 error, 0 warnings"), result.out());
    }

    @Test
    void theKindCanBeNamedForFilesWhoseNameSaysNothing(@TempDir Path dir) throws IOException {
        Path manifest = write(dir, "app.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  hostNetwork: true
                  containers:
                    - name: web
                      image: ghcr.io/example/web:1.4.2
                """);

        Result result = validate(Map.of(), "--kind", "kubernetes", manifest.toString());

        assertEquals(1, result.status(), result.out());
        assertTrue(result.out().contains(":6: error kubernetes/host-namespace:"), result.out());
    }

    @Test
    void aFileWhoseNameItsKindDoesNotUseIsCheckedAndNamedAsItIs(@TempDir Path dir) throws IOException {
        Path script = write(dir, "build/image.txt", """
                FROM debian:bookworm-slim
                COPY app /app
                RUN cp -r /app $APP_HOME
                USER 10001
                ENTRYPOINT ["/app/run"]
                """);

        Result result = validate(Map.of(), "--kind", "dockerfile", script.toString());

        assertEquals(0, result.status(), result.out());
        assertTrue(result.out().contains(script.toString().replace('\\', '/')
                + ":3: warning dockerfile/run-unquoted-expansion:"), result.out());
    }

    @Test
    void badArgumentsExitTwo(@TempDir Path dir) throws IOException {
        Path notes = write(dir, "notes.txt", "nothing to check here\n");

        assertEquals(2, validate(Map.of()).status());
        assertEquals(2, validate(Map.of(), dir.resolve("missing.yaml").toString()).status());
        Result unknownKind = validate(Map.of(), notes.toString());
        assertEquals(2, unknownKind.status());
        assertTrue(unknownKind.err().contains("cannot tell the kind of " + notes + "; name it with --kind"),
                unknownKind.err());
        Result badKind = validate(Map.of(), "--kind", "helm", notes.toString());
        assertEquals(2, badKind.status());
        assertTrue(badKind.err().contains("--kind helm has no validator"), badKind.err());
    }

    @Test
    void realToolsOnThePathAreUsedAndNamed(@TempDir Path dir) throws IOException {
        String path = System.getenv("PATH");
        org.junit.jupiter.api.Assumptions.assumeTrue(path != null && path.contains("/usr/bin")
                && Files.isExecutable(Path.of("/usr/bin/shellcheck")), "shellcheck is not installed");
        Path dockerfile = write(dir, "Dockerfile", """
                FROM debian:bookworm-slim
                ARG HOME_DIR=/opt/app
                COPY app /app
                RUN cp -r /app $HOME_DIR
                USER 10001
                ENTRYPOINT ["/opt/app/run"]
                """);

        Result result = validate(Map.of("PATH", path), dockerfile.toString());

        assertEquals(0, result.status(), result.out());
        assertTrue(result.out().contains(":4: warning shellcheck/SC2086: shellcheck "), result.out());
        assertTrue(result.out().matches("(?s).*checked by the built-in validators and .*shellcheck [0-9.]+.*"),
                result.out());
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static Result validate(Map<String, String> environment, String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("validate"));
        args.addAll(List.of(arguments));
        int status = OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), environment)
                .execute(args.toArray(String[]::new));
        return new Result(status, out.toString(), err.toString());
    }
}
