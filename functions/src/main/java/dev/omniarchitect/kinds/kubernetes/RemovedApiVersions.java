package dev.omniarchitect.kinds.kubernetes;

import java.util.Set;

/**
 * The API versions Kubernetes has removed (1.16 to 1.26) but the fabric8 models still carry: models
 * trained on old manifests keep writing them, and a current cluster refuses them.
 */
final class RemovedApiVersions {

    /** Whole group versions removed, for every kind. */
    private static final Set<String> WHOLE = Set.of("extensions/v1beta1", "apps/v1beta1", "apps/v1beta2",
            "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1");
    /** Single kinds removed from a version that still serves others. */
    private static final Set<String> KINDS = Set.of("networking.k8s.io/v1beta1 Ingress",
            "networking.k8s.io/v1beta1 IngressClass", "batch/v1beta1 CronJob",
            "autoscaling/v2beta1 HorizontalPodAutoscaler", "autoscaling/v2beta2 HorizontalPodAutoscaler",
            "policy/v1beta1 PodDisruptionBudget", "policy/v1beta1 PodSecurityPolicy");

    private RemovedApiVersions() {
    }

    /** Whether Kubernetes no longer serves the kind at that apiVersion. */
    static boolean isRemoved(String apiVersion, String kind) {
        return WHOLE.contains(apiVersion) || KINDS.contains(apiVersion + " " + kind);
    }
}
