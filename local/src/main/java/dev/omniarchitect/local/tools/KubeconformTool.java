package dev.omniarchitect.local.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * kubeconform on the manifests (strict, kinds without a schema skipped), its JSON report read: invalid
 * resources are errors; resources it could not check (no schema reachable) are warnings. It names no line.
 */
final class KubeconformTool implements ToolAdapter {

    @Override
    public String name() {
        return "kubeconform";
    }

    @Override
    public List<String> versionArguments() {
        return List.of("-v");
    }

    @Override
    public Set<String> kinds() {
        return Set.of("kubernetes");
    }

    @Override
    public List<Finding> check(ToolRun run, FileValidator validator, List<GeneratedFile> files) throws ToolRun.Failure {
        List<String> arguments = new ArrayList<>(List.of("-strict", "-ignore-missing-schemas", "-output", "json"));
        files.stream().map(GeneratedFile::path).filter(FileNames::isYaml).forEach(arguments::add);
        if (arguments.size() == 4) {
            return List.of();
        }
        ToolRun.Output output = run.exec(arguments.toArray(String[]::new));
        List<Finding> findings = new ArrayList<>();
        for (JsonNode resource : run.json(output).path("resources")) {
            String status = resource.path("status").asText();
            if (status.equals("statusInvalid") || status.equals("statusError")) {
                findings.add(run.finding(status.equals("statusInvalid") ? Severity.ERROR : Severity.WARNING,
                        status.equals("statusInvalid") ? "invalid" : "not-checked",
                        resource.path("kind").asText() + " " + resource.path("name").asText() + ": "
                                + resource.path("msg").asText(), resource.path("filename").asText(), null));
            }
        }
        return findings;
    }
}
