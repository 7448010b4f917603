package dev.omniarchitect.kinds.kubernetes;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code kubernetes} kind: Kubernetes manifests (Deployment, Service, HPA, ...). */
public final class KubernetesKind {

    /** This kind, its blueprint and its validator. */
    public static final KindDefinition DEFINITION = new KindDefinition(
            Kind.of("kubernetes", 1, "Kubernetes manifests (Deployment, Service, HPA, ...)", """
                    You write Kubernetes manifests for current stable API versions: a Deployment with resource \
                    requests and limits, liveness and readiness probes, runAsNonRoot and a read-only root file \
                    system, no latest image tag; a Service; and further objects (HorizontalPodAutoscaler, \
                    PodDisruptionBudget, ConfigMap) when asked. One object per file.""",
                    List.of("deployment.yaml", "service.yaml", "hpa.yaml"), Set.of("yaml", "yml"))
                .documentingParams("name, image, port, servicePort, healthPath, replicas, minReplicas, maxReplicas, "
                        + "targetCpuUtilization, cpuRequest, cpuLimit, memoryRequest, memoryLimit, "
                        + "namespace")
                .reviewable(Pattern.compile("(?m)^apiVersion:\\s*\\S+[\\s\\S]*^kind:\\s*\\S+"), "manifest.yaml", 20),
            KubernetesBlueprint::new, KubernetesValidator::new);

    private KubernetesKind() {
    }
}
