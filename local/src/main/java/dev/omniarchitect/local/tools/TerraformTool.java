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
 * {@code terraform validate} on the module, after {@code terraform init -backend=false} (which needs the
 * providers, so it needs their registry or a local mirror); its JSON diagnostics read with their lines.
 */
final class TerraformTool implements ToolAdapter {

    @Override
    public String name() {
        return "terraform";
    }

    @Override
    public List<String> versionArguments() {
        return List.of("version");
    }

    @Override
    public Set<String> kinds() {
        return Set.of("terraform");
    }

    @Override
    public List<Finding> check(ToolRun run, FileValidator validator, List<GeneratedFile> files) throws ToolRun.Failure {
        ToolRun.Output init = run.exec("init", "-backend=false", "-input=false", "-no-color");
        if (init.exitCode() != 0) {
            throw new ToolRun.Failure(run.label() + " init failed, so the module was not validated: " + init.firstLine());
        }
        ToolRun.Output output = run.exec("validate", "-json", "-no-color");
        List<Finding> findings = new ArrayList<>();
        for (JsonNode diagnostic : run.json(output).path("diagnostics")) {
            JsonNode range = diagnostic.path("range");
            String detail = diagnostic.path("detail").asText();
            findings.add(run.finding(diagnostic.path("severity").asText().equals("error") ? Severity.ERROR : Severity.WARNING,
                    "validate", diagnostic.path("summary").asText() + (detail.isBlank() ? "" : ": " + detail),
                    range.path("filename").isTextual() ? range.path("filename").asText() : null,
                    range.path("start").path("line").isInt() ? range.path("start").path("line").asInt() : null));
        }
        return findings;
    }
}
