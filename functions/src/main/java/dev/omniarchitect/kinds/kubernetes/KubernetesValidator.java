package dev.omniarchitect.kinds.kubernetes;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileSelection;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.DocumentCheck;
import dev.omniarchitect.validation.document.LocatedNode;
import dev.omniarchitect.validation.document.TagResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks Kubernetes manifests: every YAML document is read strictly into the real API type of its
 * apiVersion and kind (the fabric8 {@code kubernetes-model} classes, see {@link KubernetesSchema}), then
 * its required fields and the practice rules for pods ({@link PodSpecPractices}) are checked.
 * Kinds of API groups we ship no model for (custom resources) cannot be checked and get a warning.
 */
public final class KubernetesValidator implements FileValidator {

    static final Rule MISSING_FILE = Rule.error("kubernetes/missing-file", "Add the manifests as .yaml files.");
    static final Rule YAML_SYNTAX = Rule.error("kubernetes/yaml-syntax", "Fix the YAML so that it parses.");
    static final Rule MISSING_TYPE = Rule.error("kubernetes/missing-type",
            "Start every object with apiVersion and kind, e.g. apiVersion: apps/v1 and kind: Deployment.");
    static final Rule REMOVED_API_VERSION = Rule.error("kubernetes/removed-api-version",
            "Use the kind's current stable apiVersion.");
    static final Rule UNKNOWN_KIND = Rule.error("kubernetes/unknown-kind",
            "Use a kind that the apiVersion serves; check the spelling of both.");
    static final Rule UNVERIFIED_KIND = Rule.warning("kubernetes/unverified-kind",
            "Custom resources cannot be checked here; validate them against their CRD (kubectl apply --dry-run=server).");
    static final Rule UNKNOWN_FIELD = Rule.error("kubernetes/unknown-field",
            "Remove the field or fix its spelling; the API server rejects or drops unknown fields.");
    static final Rule WRONG_TYPE = Rule.error("kubernetes/wrong-type",
            "Give the field a value of the type the API defines (quote strings such as \"8080\" in env values).");
    static final Rule REQUIRED_FIELD = Rule.error("kubernetes/required-field",
            "Add the field the API server requires.");
    static final Rule SELECTOR_MISMATCH = Rule.error("kubernetes/selector-mismatch",
            "Give the pod template every label of spec.selector.matchLabels.");

    /** Where each workload keeps its pod spec. */
    private static final Map<String, List<String>> POD_SPEC = Map.of(
            "Pod", List.of("spec"),
            "Deployment", List.of("spec", "template", "spec"),
            "StatefulSet", List.of("spec", "template", "spec"),
            "DaemonSet", List.of("spec", "template", "spec"),
            "ReplicaSet", List.of("spec", "template", "spec"),
            "ReplicationController", List.of("spec", "template", "spec"),
            "Job", List.of("spec", "template", "spec"),
            "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"));
    private static final Set<String> RUN_TO_COMPLETION = Set.of("Job", "CronJob");
    private static final Set<String> SELECTED_BY_LABELS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");

    private static final FileSelection MANIFESTS = new FileSelection(".yaml manifest", FileNames::isYaml, MISSING_FILE);

    private final KubernetesTypes types = KubernetesTypes.onClassPath();
    private final KubernetesSchema schema = new KubernetesSchema();

    @Override
    public boolean reads(String path) {
        return MANIFESTS.accepts().test(path);
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    @Override
    public List<Rule> rules() {
        return List.of(MISSING_FILE, YAML_SYNTAX, MISSING_TYPE, REMOVED_API_VERSION, UNKNOWN_KIND, UNVERIFIED_KIND,
                UNKNOWN_FIELD, WRONG_TYPE, REQUIRED_FIELD, SELECTOR_MISMATCH, PodSpecPractices.RESOURCES,
                PodSpecPractices.PROBES, PodSpecPractices.RUN_AS_NON_ROOT, PodSpecPractices.IMAGE_PINNED,
                PodSpecPractices.HARDCODED_SECRET, PodSecurity.PRIVILEGED, PodSecurity.PRIVILEGE_ESCALATION,
                PodSecurity.HOST_NAMESPACE, PodSecurity.HOST_PATH);
    }

    @Override
    public List<Finding> validate(List<GeneratedFile> files) {
        return MANIFESTS.eachFile(files, file -> DocumentCheck.yaml(file, YAML_SYNTAX, TagResolver.IGNORE, this::object));
    }

    private List<Finding> object(String path, LocatedNode object) {
        String apiVersion = object.get("apiVersion").text();
        String kind = object.get("kind").text();
        if (!object.isObject() || apiVersion == null || kind == null) {
            return List.of(MISSING_TYPE.at(path, object.line(), "the object has no apiVersion or no kind"));
        }
        Optional<Class<?>> type = RemovedApiVersions.isRemoved(apiVersion, kind)
                ? Optional.empty() : types.find(apiVersion, kind);
        if (type.isEmpty()) {
            return List.of(unknownType(path, object, apiVersion, kind));
        }
        List<Finding> findings = new ArrayList<>(schema.check(path, object, type.get()));
        findings.addAll(requiredFields(path, object, kind));
        List<String> podSpecPath = POD_SPEC.get(kind);
        if (podSpecPath != null) {
            findings.addAll(PodSpecPractices.check(path, object.at(podSpecPath.toArray(String[]::new)),
                    !RUN_TO_COMPLETION.contains(kind)));
            findings.addAll(PodSecurity.check(path, object.at(podSpecPath.toArray(String[]::new))));
        }
        return findings;
    }

    private Finding unknownType(String path, LocatedNode object, String apiVersion, String kind) {
        Integer line = object.get("apiVersion").line();
        List<String> current = types.apiVersionsOf(kind).stream()
                .filter(version -> !RemovedApiVersions.isRemoved(version, kind))
                .filter(version -> !version.matches(".*v[0-9]+(alpha|beta)[0-9]*"))
                .toList();
        if (RemovedApiVersions.isRemoved(apiVersion, kind)) {
            return REMOVED_API_VERSION.at(path, line, kind + " " + apiVersion + " was removed from Kubernetes"
                    + (current.isEmpty() ? " and has no successor" : "; use apiVersion " + current.get(0)));
        }
        if (!current.isEmpty()) {
            return UNKNOWN_KIND.at(path, line, "apiVersion " + apiVersion + " does not serve kind " + kind
                    + "; use apiVersion " + current.get(0));
        }
        if (ApiGroups.isModelled(apiVersion)) {
            return UNKNOWN_KIND.at(path, object.get("kind").line(),
                    "apiVersion " + apiVersion + " has no kind " + kind);
        }
        return UNVERIFIED_KIND.at(path, line, kind + " " + apiVersion + " is not a built-in type and was not checked");
    }

    private List<Finding> requiredFields(String path, LocatedNode object, String kind) {
        List<Finding> findings = new ArrayList<>();
        LocatedNode metadata = object.get("metadata");
        if (!metadata.get("name").hasText() && !metadata.get("generateName").hasText()) {
            findings.add(REQUIRED_FIELD.at(path, object.line(), kind + " has no metadata.name"));
        }
        List<String> podSpecPath = POD_SPEC.get(kind);
        if (podSpecPath != null) {
            LocatedNode podSpec = object.at(podSpecPath.toArray(String[]::new));
            if (podSpec.get("containers").elements().isEmpty()) {
                findings.add(REQUIRED_FIELD.at(path, podSpec.line(), podSpec.path() + ".containers lists no container"));
            }
            for (LocatedNode container : podSpec.get("containers").elements()) {
                for (String field : List.of("name", "image")) {
                    if (!container.get(field).hasText()) {
                        findings.add(REQUIRED_FIELD.at(path, container.line(), container.path() + " has no " + field));
                    }
                }
            }
        }
        if (SELECTED_BY_LABELS.contains(kind)) {
            findings.addAll(selector(path, object, kind));
        }
        return findings;
    }

    private List<Finding> selector(String path, LocatedNode object, String kind) {
        LocatedNode selector = object.at("spec", "selector");
        if (selector.isMissing()) {
            return List.of(REQUIRED_FIELD.at(path, object.get("spec").line(), kind + " has no spec.selector"));
        }
        LocatedNode labels = object.at("spec", "template", "metadata", "labels");
        List<Finding> findings = new ArrayList<>();
        for (var label : selector.get("matchLabels").fields()) {
            String wanted = label.getValue().scalarText();
            if (wanted == null || !wanted.equals(labels.get(label.getKey()).scalarText())) {
                findings.add(SELECTOR_MISMATCH.at(path, label.getValue().line(), "spec.selector.matchLabels "
                        + label.getKey() + "=" + wanted + " does not match the pod template's labels"));
            }
        }
        return findings;
    }
}
