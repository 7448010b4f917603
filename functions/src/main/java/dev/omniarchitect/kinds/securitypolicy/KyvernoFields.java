package dev.omniarchitect.kinds.securitypolicy;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.AllowedKeys;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a Kyverno policy's spec, rules, match and exclude blocks and validate blocks, from the
 * ClusterPolicy CRD of Kyverno 1.13: a misspelt one ({@code validationFailureActon}) is dropped by the API
 * server's pruning, so the policy silently does something else than written.
 */
final class KyvernoFields {

    static final Rule UNKNOWN_FIELD = Rule.error("security-policy/kyverno-unknown-field",
            "Use the fields of the Kyverno ClusterPolicy CRD; check the spelling.");

    private static final AllowedKeys SPEC = AllowedKeys.of("admission", "applyRules", "background", "emitWarning",
            "failurePolicy", "generateExisting", "generateExistingOnPolicyUpdate", "mutateExistingOnPolicyUpdate",
            "rules", "schemaValidation", "useServerSideApply", "validationFailureAction",
            "validationFailureActionOverrides", "webhookConfiguration", "webhookTimeoutSeconds", "evaluation");
    private static final AllowedKeys RULE = AllowedKeys.of("name", "context", "match", "exclude", "imageExtractors",
            "preconditions", "celPreconditions", "mutate", "validate", "generate", "verifyImages",
            "skipBackgroundRequests", "reportProperties");
    private static final AllowedKeys VALIDATE = AllowedKeys.of("message", "pattern", "anyPattern", "deny",
            "podSecurity", "cel", "manifests", "foreach", "assert", "failureAction", "failureActionOverrides",
            "allowExistingViolations");
    private static final AllowedKeys MATCH = AllowedKeys.of("any", "all", "resources", "subjects", "roles",
            "clusterRoles");
    private static final AllowedKeys FILTER = AllowedKeys.of("resources", "subjects", "roles", "clusterRoles");
    private static final AllowedKeys RESOURCES = AllowedKeys.of("kinds", "name", "names", "namespaces",
            "annotations", "selector", "namespaceSelector", "operations");

    private KyvernoFields() {
    }

    /** The unknown fields of a policy's spec and its rules. */
    static List<Finding> check(String path, LocatedNode spec) {
        List<Finding> findings = new ArrayList<>(SPEC.check(path, spec, UNKNOWN_FIELD));
        for (LocatedNode rule : spec.get("rules").elements()) {
            findings.addAll(RULE.check(path, rule, UNKNOWN_FIELD));
            if (rule.get("validate").isObject()) {
                findings.addAll(VALIDATE.check(path, rule.get("validate"), UNKNOWN_FIELD));
            }
            for (String block : List.of("match", "exclude")) {
                LocatedNode match = rule.get(block);
                findings.addAll(MATCH.check(path, match, UNKNOWN_FIELD));
                List<LocatedNode> filters = new ArrayList<>(match.get("any").elements());
                filters.addAll(match.get("all").elements());
                for (LocatedNode filter : filters) {
                    findings.addAll(FILTER.check(path, filter, UNKNOWN_FIELD));
                    findings.addAll(RESOURCES.check(path, filter.get("resources"), UNKNOWN_FIELD));
                }
                findings.addAll(RESOURCES.check(path, match.get("resources"), UNKNOWN_FIELD));
            }
        }
        return findings;
    }
}
