package dev.omniarchitect.kinds.compose;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileSelection;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.ImageReference;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.SecretNames;
import dev.omniarchitect.validation.document.DocumentCheck;
import dev.omniarchitect.validation.document.LocatedNode;
import dev.omniarchitect.validation.document.TagResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks Docker Compose files against the Compose Specification's structure: a {@code services} map
 * whose services have an image or a build, known keys only, and references (networks, volumes, secrets,
 * depends_on) that resolve; plus pinned images and no inline secrets. The specification's JSON Schema is
 * not published in any Maven Central package, so these are structural checks of ours
 * ({@link ComposeReferences}, {@link ComposeKeys}).
 */
public final class ComposeValidator implements FileValidator {

    static final Rule MISSING_FILE = Rule.error("docker-compose/missing-file", "Add the compose.yaml file.");
    static final Rule YAML_SYNTAX = Rule.error("docker-compose/yaml-syntax", "Fix the YAML so that it parses.");
    static final Rule STRUCTURE = Rule.error("docker-compose/structure",
            "Give the file a services: map, each service a mapping with an image or a build.");
    static final Rule UNKNOWN_KEY = Rule.error("docker-compose/unknown-key",
            "Use the keys of the Compose Specification; check the spelling (extensions start with x-).");
    static final Rule UNDEFINED_REFERENCE = Rule.error("docker-compose/undefined-reference",
            "Define the network, volume, secret or service in the file before a service refers to it.");
    static final Rule IMAGE_PINNED = Rule.error("docker-compose/image-pinned",
            "Pin the image to a version tag or a digest, e.g. postgres:17-alpine.");
    static final Rule HARDCODED_SECRET = Rule.error("docker-compose/hardcoded-secret",
            "Use Compose secrets (or *_FILE variables pointing at them) or ${VARIABLE} substitution instead of "
                    + "writing secrets into environment.");

    private static final FileSelection COMPOSE_FILES =
            new FileSelection("Compose .yaml file", FileNames::isYaml, MISSING_FILE);

    @Override
    public boolean reads(String path) {
        return COMPOSE_FILES.accepts().test(path);
    }

    @Override
    public String kind() {
        return "docker-compose";
    }

    @Override
    public List<Rule> rules() {
        return List.of(MISSING_FILE, YAML_SYNTAX, STRUCTURE, UNKNOWN_KEY, UNDEFINED_REFERENCE, IMAGE_PINNED,
                HARDCODED_SECRET);
    }

    @Override
    public List<Finding> validate(List<GeneratedFile> files) {
        return COMPOSE_FILES.eachFile(files,
                file -> DocumentCheck.yaml(file, YAML_SYNTAX, TagResolver.IGNORE, this::compose));
    }

    private List<Finding> compose(String path, LocatedNode root) {
        List<Finding> findings = new ArrayList<>();
        LocatedNode services = root.get("services");
        if (!services.isObject() || services.fieldNames().isEmpty()) {
            findings.add(STRUCTURE.at(path, root.line(), "the file has no services map"));
            return findings;
        }
        findings.addAll(ComposeKeys.TOP_LEVEL.check(path, root, UNKNOWN_KEY));
        for (var entry : services.fields()) {
            LocatedNode service = entry.getValue();
            if (!service.isObject()) {
                findings.add(STRUCTURE.at(path, service.line(), "service " + entry.getKey() + " is not a mapping"));
                continue;
            }
            findings.addAll(service(path, entry.getKey(), service));
        }
        findings.addAll(new ComposeReferences(path, root).check());
        return findings;
    }

    private List<Finding> service(String path, String name, LocatedNode service) {
        List<Finding> findings = new ArrayList<>(ComposeKeys.SERVICE.check(path, service, UNKNOWN_KEY));
        LocatedNode image = service.get("image");
        if (image.isMissing() && service.get("build").isMissing()) {
            findings.add(STRUCTURE.at(path, service.line(), "service " + name + " has neither image nor build"));
        }
        if (image.hasText()) {
            ImageReference.parse(image.text()).pinningProblem().ifPresent(problem ->
                    findings.add(IMAGE_PINNED.at(path, image.line(), "service " + name + ": " + problem)));
        }
        LocatedNode environment = service.get("environment");
        for (var variable : environment.fields()) {
            secret(path, name, variable.getKey(), variable.getValue().scalarText(), variable.getValue().line(), findings);
        }
        for (LocatedNode variable : environment.elements()) {
            String assignment = variable.scalarText();
            int equals = assignment == null ? -1 : assignment.indexOf('=');
            if (equals > 0) {
                secret(path, name, assignment.substring(0, equals), assignment.substring(equals + 1),
                        variable.line(), findings);
            }
        }
        return findings;
    }

    private static void secret(String path, String service, String variable, String value, Integer line,
                               List<Finding> findings) {
        if (value != null && SecretNames.isSecretName(variable) && SecretNames.isLiteral(value)) {
            findings.add(HARDCODED_SECRET.at(path, line, "service " + service + " sets the secret " + variable
                    + " inline in environment"));
        }
    }
}
