package dev.omniarchitect.local.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Severity;
import dev.omniarchitect.validation.shell.EmbeddedScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** shellcheck on the scripts of Dockerfile RUN (as sh) and workflow run: (as bash), each mapped back to its line. */
final class ShellcheckTool implements ToolAdapter {

    @Override
    public String name() {
        return "shellcheck";
    }

    @Override
    public List<String> versionArguments() {
        return List.of("--version");
    }

    @Override
    public Set<String> kinds() {
        return Set.of("dockerfile", "github-actions");
    }

    @Override
    public List<Finding> check(ToolRun run, FileValidator validator, List<GeneratedFile> files) throws ToolRun.Failure {
        Map<String, EmbeddedScript> scripts = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        // A Dockerfile's RUN runs under /bin/sh; a workflow's run: under bash.
        List<String> arguments = new ArrayList<>(List.of("-s", validator.kind().equals("dockerfile") ? "sh" : "bash",
                "-f", "json1"));
        try {
            for (GeneratedFile file : files) {
                for (EmbeddedScript script : validator.scripts(file)) {
                    String name = "script-" + scripts.size() + ".sh";
                    Files.writeString(run.directory().resolve(name), script.text() + "\n");
                    scripts.put(name, script);
                    origins.put(name, file.path());
                    arguments.add(name);
                }
            }
            if (scripts.isEmpty()) {
                return List.of();
            }
            ToolRun.Output output = run.exec(arguments.toArray(String[]::new));
            List<Finding> findings = new ArrayList<>();
            for (JsonNode comment : run.json(output).path("comments")) {
                String name = comment.path("file").asText();
                EmbeddedScript script = scripts.get(name);
                if (script == null) {
                    continue;
                }
                String level = comment.path("level").asText();
                findings.add(run.finding(level.equals("error") ? Severity.ERROR : Severity.WARNING,
                        "SC" + comment.path("code").asInt(), comment.path("message").asText(), origins.get(name),
                        script.firstLine() + comment.path("line").asInt(1) - 1));
            }
            return findings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
