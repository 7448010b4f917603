package dev.omniarchitect.validation;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.dockerfile.DockerfileValidator;
import dev.omniarchitect.validation.dockerfile.RunScripts;
import dev.omniarchitect.validation.githubactions.GithubActionsValidator;
import dev.omniarchitect.validation.githubactions.StepScripts;
import dev.omniarchitect.validation.shell.EmbeddedScript;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shell scripts inside a kind's files (RUN, run:), as our validators read them, for real tools to check too. */
public final class EmbeddedScripts {

    private EmbeddedScripts() {
    }

    /** The scripts of each file that holds any, by path; empty for kinds without scripts. */
    public static Map<String, List<EmbeddedScript>> of(String kind, List<GeneratedFile> files) {
        Map<String, List<EmbeddedScript>> scripts = new LinkedHashMap<>();
        for (GeneratedFile file : files) {
            List<EmbeddedScript> found = switch (kind) {
                case "dockerfile" -> DockerfileValidator.isDockerfile(file.path())
                        ? RunScripts.scripts(file.content()) : List.of();
                case "github-actions" -> GithubActionsValidator.isWorkflow(file.path())
                        ? StepScripts.scripts(file.content()) : List.of();
                default -> List.of();
            };
            if (!found.isEmpty()) {
                scripts.put(file.path(), found);
            }
        }
        return scripts;
    }
}
