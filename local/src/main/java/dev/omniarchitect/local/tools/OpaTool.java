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

/** {@code opa check} on the Rego modules, its JSON errors read with their rows. */
final class OpaTool implements ToolAdapter {

    @Override
    public String name() {
        return "opa";
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
        List<String> arguments = new ArrayList<>(List.of("check", "--format", "json"));
        files.stream().map(GeneratedFile::path).filter(path -> FileNames.hasExtension(path, ".rego"))
                .forEach(arguments::add);
        if (arguments.size() == 3) {
            return List.of();
        }
        ToolRun.Output output = run.exec(arguments.toArray(String[]::new));
        if (output.exitCode() == 0) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode error : run.json(output).path("errors")) {
            JsonNode location = error.path("location");
            findings.add(run.finding(Severity.ERROR, error.path("code").asText("check"), error.path("message").asText(),
                    location.path("file").isTextual() ? location.path("file").asText() : null,
                    location.path("row").isInt() ? location.path("row").asInt() : null));
        }
        return findings;
    }
}
