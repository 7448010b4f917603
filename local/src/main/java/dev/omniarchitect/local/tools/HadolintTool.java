package dev.omniarchitect.local.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** hadolint on every Dockerfile, its JSON report read ({@code line}, {@code code}, {@code level}, {@code message}). */
final class HadolintTool implements ToolAdapter {

    @Override
    public String name() {
        return "hadolint";
    }

    @Override
    public List<String> versionArguments() {
        return List.of("--version");
    }

    @Override
    public Set<String> kinds() {
        return Set.of("dockerfile");
    }

    @Override
    public List<Finding> check(ToolRun run, FileValidator validator, List<GeneratedFile> files) throws ToolRun.Failure {
        List<Finding> findings = new ArrayList<>();
        for (GeneratedFile file : files) {
            if (!validator.reads(file.path())) {
                continue;
            }
            ToolRun.Output output = run.exec("--no-fail", "-f", "json", file.path());
            for (JsonNode finding : run.json(output)) {
                findings.add(run.finding(finding.path("level").asText().equals("error") ? Severity.ERROR : Severity.WARNING,
                        finding.path("code").asText(), finding.path("message").asText(), file.path(),
                        finding.path("line").asInt(1)));
            }
        }
        return findings;
    }
}
