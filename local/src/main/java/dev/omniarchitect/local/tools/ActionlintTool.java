package dev.omniarchitect.local.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * actionlint on the workflows, its JSON report read; its own shellcheck run is switched off, as shellcheck,
 * when installed, checks the run: scripts as a tool of its own.
 */
final class ActionlintTool implements ToolAdapter {

    @Override
    public String name() {
        return "actionlint";
    }

    @Override
    public List<String> versionArguments() {
        return List.of("-version");
    }

    @Override
    public Set<String> kinds() {
        return Set.of("github-actions");
    }

    @Override
    public List<Finding> check(ToolRun run, FileValidator validator, List<GeneratedFile> files) throws ToolRun.Failure {
        List<String> arguments = new ArrayList<>(List.of("-no-color", "-shellcheck=", "-format", "{{json .}}"));
        files.stream().map(GeneratedFile::path).filter(validator::reads).forEach(arguments::add);
        if (arguments.size() == 4) {
            return List.of();
        }
        ToolRun.Output output = run.exec(arguments.toArray(String[]::new));
        List<Finding> findings = new ArrayList<>();
        for (JsonNode error : run.json(output)) {
            findings.add(run.finding(Severity.ERROR, error.path("kind").asText("actionlint"),
                    error.path("message").asText(), error.path("filepath").asText(), error.path("line").asInt(1)));
        }
        return findings;
    }
}
