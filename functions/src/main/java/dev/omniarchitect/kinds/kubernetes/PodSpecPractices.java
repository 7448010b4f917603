package dev.omniarchitect.kinds.kubernetes;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.ImageReference;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.SecretNames;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.List;

/** The practice rules for the containers of a pod spec, wherever the pod spec sits in a workload. */
final class PodSpecPractices {

    static final Rule RESOURCES = Rule.error("kubernetes/resources",
            "Set resources.requests and resources.limits (cpu and memory) on every container.");
    static final Rule PROBES = Rule.error("kubernetes/probes",
            "Give every long-running container a livenessProbe and a readinessProbe.");
    static final Rule RUN_AS_NON_ROOT = Rule.error("kubernetes/run-as-non-root",
            "Set securityContext.runAsNonRoot: true on the pod or the container, and no runAsUser: 0.");
    static final Rule IMAGE_PINNED = Rule.error("kubernetes/image-pinned",
            "Pin the image to a version tag or a digest, e.g. ghcr.io/example/app:1.4.2.");
    static final Rule HARDCODED_SECRET = Rule.error("kubernetes/hardcoded-secret",
            "Read secrets from a Secret: env[].valueFrom.secretKeyRef instead of a literal value.");

    private final String path;
    private final List<Finding> findings = new ArrayList<>();

    private PodSpecPractices(String path) {
        this.path = path;
    }

    /** The findings for the containers of a pod spec; probes only matter for long-running pods. */
    static List<Finding> check(String path, LocatedNode podSpec, boolean longRunning) {
        PodSpecPractices practices = new PodSpecPractices(path);
        LocatedNode podSecurity = podSpec.get("securityContext");
        for (LocatedNode container : podSpec.get("containers").elements()) {
            practices.container(container, podSecurity, longRunning);
        }
        for (LocatedNode container : podSpec.get("initContainers").elements()) {
            practices.container(container, podSecurity, false);
        }
        return practices.findings;
    }

    private void container(LocatedNode container, LocatedNode podSecurity, boolean needsProbes) {
        String name = container.get("name").scalarText() == null
                ? container.path() : "container " + container.get("name").scalarText();
        LocatedNode image = container.get("image");
        if (image.hasText()) {
            ImageReference.parse(image.text()).pinningProblem()
                    .ifPresent(problem -> findings.add(IMAGE_PINNED.at(path, image.line(), name + ": " + problem)));
        }
        resources(container, name);
        if (needsProbes) {
            for (String probe : List.of("livenessProbe", "readinessProbe")) {
                if (container.get(probe).isMissing()) {
                    findings.add(PROBES.at(path, container.line(), name + " has no " + probe));
                }
            }
        }
        nonRoot(container, podSecurity, name);
        for (LocatedNode variable : container.get("env").elements()) {
            String variableName = variable.get("name").scalarText();
            String value = variable.get("value").scalarText();
            if (variableName != null && value != null && SecretNames.isSecretName(variableName)
                    && SecretNames.isLiteral(value)) {
                findings.add(HARDCODED_SECRET.at(path, variable.get("value").line(),
                        name + " sets the secret " + variableName + " as a literal value"));
            }
        }
    }

    private void resources(LocatedNode container, String name) {
        List<String> missing = new ArrayList<>();
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (container.at("resources", bound, resource).isMissing()) {
                    missing.add(bound + "." + resource);
                }
            }
        }
        if (!missing.isEmpty()) {
            findings.add(RESOURCES.at(path, container.line(),
                    name + " has no resources." + String.join(", resources.", missing)));
        }
    }

    /** A container's security setting, else the pod's, as Kubernetes resolves it. */
    private static LocatedNode effective(String setting, LocatedNode container, LocatedNode pod) {
        return container.get(setting).isMissing() ? pod.get(setting) : container.get(setting);
    }

    private void nonRoot(LocatedNode container, LocatedNode podSecurity, String name) {
        LocatedNode own = container.get("securityContext");
        LocatedNode runAsNonRoot = effective("runAsNonRoot", own, podSecurity);
        LocatedNode runAsUser = effective("runAsUser", own, podSecurity);
        if (runAsUser.node().isNumber() && runAsUser.node().asLong() == 0) {
            findings.add(RUN_AS_NON_ROOT.at(path, runAsUser.line(), name + " runs as user 0 (root)"));
        } else if (!runAsNonRoot.node().asBoolean(false)) {
            findings.add(RUN_AS_NON_ROOT.at(path, runAsNonRoot.isMissing() ? container.line() : runAsNonRoot.line(),
                    name + " may run as root: runAsNonRoot is not true for it"));
        }
    }
}
