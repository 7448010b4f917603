package dev.omniarchitect.kinds.kubernetes;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pod Security Standards' baseline and restricted checks that matter most: no privileged containers,
 * no privilege escalation, no host namespaces, no hostPath volumes (each gives the container the node).
 */
final class PodSecurity {

    static final Rule PRIVILEGED = Rule.error("kubernetes/privileged",
            "Remove securityContext.privileged: true; grant only the capabilities the container needs.");
    static final Rule PRIVILEGE_ESCALATION = Rule.error("kubernetes/privilege-escalation",
            "Set securityContext.allowPrivilegeEscalation: false on every container.");
    static final Rule HOST_NAMESPACE = Rule.error("kubernetes/host-namespace",
            "Remove hostNetwork, hostPID and hostIPC: they share the node's network, processes or IPC with the pod.");
    static final Rule HOST_PATH = Rule.error("kubernetes/host-path",
            "Use a persistentVolumeClaim, configMap, secret or emptyDir volume instead of hostPath.");

    private PodSecurity() {
    }

    /** The findings of a pod spec and its containers. */
    static List<Finding> check(String path, LocatedNode podSpec) {
        List<Finding> findings = new ArrayList<>();
        for (String namespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
            LocatedNode value = podSpec.get(namespace);
            if (value.node().asBoolean(false)) {
                findings.add(HOST_NAMESPACE.at(path, value.line(), podSpec.path() + "." + namespace
                        + " is true: the pod shares the node's " + namespace.substring(4)));
            }
        }
        for (LocatedNode volume : podSpec.get("volumes").elements()) {
            if (!volume.get("hostPath").isMissing()) {
                findings.add(HOST_PATH.at(path, volume.get("hostPath").line(), "volume " + volume.get("name").scalarText()
                        + " mounts the node's " + volume.at("hostPath", "path").scalarText()));
            }
        }
        List<LocatedNode> containers = new ArrayList<>(podSpec.get("containers").elements());
        containers.addAll(podSpec.get("initContainers").elements());
        for (LocatedNode container : containers) {
            String name = container.get("name").scalarText() == null
                    ? container.path() : "container " + container.get("name").scalarText();
            LocatedNode security = container.get("securityContext");
            if (security.get("privileged").node().asBoolean(false)) {
                findings.add(PRIVILEGED.at(path, security.get("privileged").line(), name
                        + " is privileged: it has every capability and the node's devices"));
            }
            LocatedNode escalation = security.get("allowPrivilegeEscalation");
            if (escalation.node().asBoolean(false)) {
                findings.add(PRIVILEGE_ESCALATION.at(path, escalation.line(),
                        name + " sets allowPrivilegeEscalation: true, so setuid binaries can gain root"));
            }
        }
        return findings;
    }
}
