package dev.omniarchitect.review;

import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.dockerfile.DockerfileValidator;
import dev.omniarchitect.validation.githubactions.GithubActionsValidator;
import java.util.Optional;
import java.util.regex.Pattern;

/** The kind of an existing file, from its name first and otherwise from its content, for checking it. */
public final class FileKinds {

    private static final Pattern COMPOSE = Pattern.compile("(?i)(docker-)?compose([.-].*)?\\.ya?ml");

    private FileKinds() {
    }

    /** The kind whose validator reads the file, if its name or content says. */
    public static Optional<String> of(String path, String content) {
        String name = FileNames.fileName(path);
        if (DockerfileValidator.isDockerfile(path)) {
            return Optional.of("dockerfile");
        }
        if (FileNames.hasExtension(path, ".tf")) {
            return Optional.of("terraform");
        }
        if (FileNames.hasExtension(path, ".rego")) {
            return Optional.of("security-policy");
        }
        if (FileNames.isYaml(path) && path.replace('\\', '/').contains(".github/workflows/")
                && GithubActionsValidator.isWorkflow(path)) {
            return Optional.of("github-actions");
        }
        if (COMPOSE.matcher(name).matches()) {
            return Optional.of("docker-compose");
        }
        if (FileNames.hasExtension(path, ".json")) {
            if (content.contains("\"panels\"")) {
                return Optional.of("grafana-dashboard");
            }
            if (content.contains("\"Resources\"")) {
                return Optional.of("cloudformation");
            }
            return Optional.empty();
        }
        return Optional.ofNullable(ReviewedFile.of(content).kind());
    }
}
