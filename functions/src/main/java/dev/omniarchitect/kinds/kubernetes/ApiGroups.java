package dev.omniarchitect.kinds.kubernetes;

import java.util.Set;

/** The API groups whose model modules functions ships (see pom.xml), so their kinds can be checked. */
final class ApiGroups {

    private static final Set<String> MODELLED = Set.of("", "apps", "autoscaling", "batch", "networking.k8s.io",
            "policy", "rbac.authorization.k8s.io", "scheduling.k8s.io");

    private ApiGroups() {
    }

    /** Whether the group of an apiVersion ({@code apps/v1}; the core group for {@code v1}) has models here. */
    static boolean isModelled(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return MODELLED.contains(slash < 0 ? "" : apiVersion.substring(0, slash));
    }
}
