package dev.omniarchitect.kinds.dockerfile;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileSelection;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.shell.EmbeddedScript;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks Dockerfiles ({@code Dockerfile}, {@code Containerfile}, {@code *.Dockerfile}, {@code Dockerfile.*});
 * other files of the kind, such as {@code .dockerignore}, are not checked. The Dockerfile is read by
 * {@link DockerfileParser}, ours, because no Java library parses Dockerfiles; the rules follow Docker's
 * build checks and hadolint.
 */
public final class DockerfileValidator implements FileValidator {

    static final Rule MISSING_FILE = Rule.error("dockerfile/missing-file",
            "Add the Dockerfile itself (named Dockerfile).");
    static final Rule UNKNOWN_INSTRUCTION = Rule.error("dockerfile/unknown-instruction",
            "Use a Dockerfile instruction (FROM, RUN, COPY, ...); check its spelling.");
    static final Rule FROM_FIRST = Rule.error("dockerfile/from-first",
            "Start the Dockerfile with FROM; only ARG and comments may come before it.");
    static final Rule BASE_IMAGE_PINNED = Rule.error("dockerfile/base-image-pinned",
            "Pin the base image to a version tag or a digest, e.g. FROM node:22-bookworm-slim.");
    static final Rule USER_NOT_ROOT = Rule.error("dockerfile/user-not-root",
            "Create an unprivileged user and switch to it in the final stage, e.g. USER 10001:10001.");
    static final Rule COPY_NOT_ADD = Rule.error("dockerfile/copy-not-add",
            "Use COPY for local files; ADD only to extract a local archive.");
    static final Rule ADD_REMOTE_UNVERIFIED = Rule.warning("dockerfile/add-remote-unverified",
            "Verify downloads: ADD --checksum=sha256:<digest> <url>, or curl and check the checksum in RUN.");
    static final Rule PACKAGE_CACHE = Rule.warning("dockerfile/package-cache",
            "Remove the package manager's cache in the same RUN that installs the packages.");
    static final Rule HARDCODED_SECRET = Rule.error("dockerfile/hardcoded-secret",
            "Never put secrets in ENV or ARG (they stay in the image and its history); pass them at run time, "
                    + "or at build time with RUN --mount=type=secret.");
    static final Rule HEALTHCHECK = Rule.warning("dockerfile/healthcheck",
            "Add HEALTHCHECK CMD ... to the final stage so the runtime knows when the service is unhealthy.");

    private static final Pattern DOCKERFILE_NAME =
            Pattern.compile("(?i)(Dockerfile|Containerfile)(\\..+)?|.+\\.(dockerfile|containerfile)");
    private static final FileSelection DOCKERFILES = new FileSelection("Dockerfile",
            path -> DOCKERFILE_NAME.matcher(FileNames.fileName(path)).matches(), MISSING_FILE);

    @Override
    public boolean reads(String path) {
        return DOCKERFILES.accepts().test(path);
    }

    @Override
    public List<EmbeddedScript> scripts(GeneratedFile file) {
        return reads(file.path()) ? RunScripts.scripts(file.content()) : List.of();
    }

    @Override
    public String kind() {
        return "dockerfile";
    }

    @Override
    public List<Rule> rules() {
        return List.of(MISSING_FILE, UNKNOWN_INSTRUCTION, FROM_FIRST, BASE_IMAGE_PINNED, USER_NOT_ROOT, COPY_NOT_ADD,
                ADD_REMOTE_UNVERIFIED, PACKAGE_CACHE, HARDCODED_SECRET, HEALTHCHECK, RunScripts.SHELL_SYNTAX,
                RunScripts.UNQUOTED_EXPANSION);
    }

    @Override
    public List<Finding> validate(List<GeneratedFile> files) {
        return DOCKERFILES.eachFile(files, file -> {
            List<DockerInstruction> instructions = DockerfileParser.parse(file.content());
            List<Finding> findings = new ArrayList<>(new DockerfileCheck(file.path()).run(instructions));
            findings.addAll(RunScripts.check(file.path(), instructions));
            return findings;
        });
    }
}
