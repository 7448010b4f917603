package dev.omniarchitect.local.tools;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code kyverno apply} of each Kyverno policy to one minimal Pod: the CLI loads and validates the policy
 * first, and refuses one it cannot load; that refusal is the finding (it names no line). Whether the probe
 * Pod passes the policy does not matter. Not tested against a real kyverno here (none is packaged in Debian).
 */
final class KyvernoTool implements ToolAdapter {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: omni-probe
            spec:
              containers:
                - name: probe
                  image: busybox:1.36
            """;

    @Override
    public String name() {
        return "kyverno";
    }

    @Override
    public List<String> versionArguments() {
        return List.of("version");
    }

    @Override
    public Set<String> kinds() {
        return Set.of("security-policy");
    }

    @Override
    public List<Finding> check(ToolRun run, FileValidator validator, List<GeneratedFile> files) throws ToolRun.Failure {
        List<Finding> findings = new ArrayList<>();
        try {
            Files.writeString(run.directory().resolve("omni-probe-pod.yaml"), POD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (GeneratedFile file : files) {
            if (!FileNames.isYaml(file.path()) || !file.content().contains("kyverno.io/")) {
                continue;
            }
            ToolRun.Output output = run.exec("apply", file.path(), "--resource", "omni-probe-pod.yaml");
            // A policy that loaded ends with the result summary (pass: N, fail: N, ...), whatever the probe's verdict.
            boolean loaded = (output.stdout() + output.stderr()).contains("pass: ");
            if (output.exitCode() != 0 && !loaded) {
                findings.add(run.finding(Severity.ERROR, "apply", output.firstLine(), file.path(), null));
            }
        }
        return findings;
    }
}
