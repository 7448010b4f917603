package dev.omniarchitect.kinds;

import dev.omniarchitect.kinds.cloudformation.CloudFormationKind;
import dev.omniarchitect.kinds.compose.ComposeKind;
import dev.omniarchitect.kinds.dockerfile.DockerfileKind;
import dev.omniarchitect.kinds.githubactions.GithubActionsKind;
import dev.omniarchitect.kinds.grafana.GrafanaDashboardKind;
import dev.omniarchitect.kinds.kubernetes.KubernetesKind;
import dev.omniarchitect.kinds.prometheus.PrometheusRulesKind;
import dev.omniarchitect.kinds.securitypolicy.SecurityPolicyKind;
import dev.omniarchitect.kinds.securityreview.SecurityReviewKind;
import dev.omniarchitect.kinds.terraform.TerraformKind;
import java.util.List;

/**
 * The one list of built-in kinds: the kind registry, the validators, the blueprint provider and security
 * reviews are all built from it. Adding a kind is a folder under {@code kinds/} and one line here.
 */
public final class BuiltInKinds {

    /** Every built-in kind, in the order documents, errors and help texts list them. */
    public static final List<KindDefinition> ALL = List.of(
            DockerfileKind.DEFINITION,
            ComposeKind.DEFINITION,
            KubernetesKind.DEFINITION,
            TerraformKind.DEFINITION,
            GithubActionsKind.DEFINITION,
            PrometheusRulesKind.DEFINITION,
            GrafanaDashboardKind.DEFINITION,
            CloudFormationKind.DEFINITION,
            SecurityPolicyKind.DEFINITION,
            SecurityReviewKind.DEFINITION);

    private BuiltInKinds() {
    }
}
