package dev.omniarchitect.kinds.securitypolicy;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kinds.KindDefinition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code security-policy} kind: policy as code: Kyverno policies or OPA/Rego. */
public final class SecurityPolicyKind {

    // Version 2: Kyverno 1.13 moved the failure action from the policy's spec into each rule.
    /** This kind, its blueprint and its validator. */
    public static final KindDefinition DEFINITION = new KindDefinition(
            Kind.of("security-policy", 2, "policy as code: Kyverno policies or OPA/Rego", """
                    You write security policies as code: Kyverno ClusterPolicy or Policy resources \
                    (kyverno.io/v1, rules with match and validate, each validate with its own failureAction) \
                    or OPA Rego modules (a package, deny or violation rules with clear messages), as the \
                    request asks; one policy per file, each rule explaining what it enforces.""",
                    List.of("policy.yaml"), Set.of("yaml", "yml", "rego"))
                .documentingParams("engine (kyverno, opa), name, excludeNamespaces")
                // Before kubernetes (20): a Kyverno policy has apiVersion and kind lines too.
                .reviewable(Pattern.compile("(?m)^apiVersion:\\s*[\"']?kyverno\\.io/"), "policy.yaml", 15),
            SecurityPolicyBlueprint::new, SecurityPolicyValidator::new);

    private SecurityPolicyKind() {
    }
}
