package dev.omniarchitect.kinds.securitypolicy;

import static dev.omniarchitect.kinds.securitypolicy.SecurityPolicyValidator.KYVERNO_STRUCTURE;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The structure of a Kyverno ClusterPolicy or Policy, as its admission webhook requires it. */
final class KyvernoPolicy {

    private static final Set<String> API_VERSIONS = Set.of("kyverno.io/v1", "kyverno.io/v2beta1", "kyverno.io/v2");
    private static final Set<String> KINDS = Set.of("ClusterPolicy", "Policy");
    private static final List<String> RULE_TYPES = List.of("validate", "mutate", "generate", "verifyImages");
    private static final List<String> VALIDATIONS = List.of("pattern", "anyPattern", "deny", "podSecurity", "cel",
            "manifests", "foreach", "assert");
    private static final Set<String> FAILURE_ACTIONS = Set.of("enforce", "audit");

    private KyvernoPolicy() {
    }

    /** The structure findings of one YAML document. */
    static List<Finding> check(String path, LocatedNode policy) {
        List<Finding> findings = new ArrayList<>();
        String apiVersion = policy.get("apiVersion").scalarText();
        String kind = policy.get("kind").scalarText();
        if (apiVersion == null || kind == null || !API_VERSIONS.contains(apiVersion) || !KINDS.contains(kind)) {
            findings.add(KYVERNO_STRUCTURE.at(path, policy.line(), "the document is " + kind + " " + apiVersion
                    + ", not a Kyverno ClusterPolicy or Policy (kyverno.io/v1)"));
            return findings;
        }
        if (!policy.at("metadata", "name").hasText()) {
            findings.add(KYVERNO_STRUCTURE.at(path, policy.line(), kind + " has no metadata.name"));
        }
        LocatedNode spec = policy.get("spec");
        findings.addAll(KyvernoFields.check(path, spec));
        LocatedNode specAction = spec.get("validationFailureAction");
        failureAction(path, specAction, findings);
        if (!specAction.isMissing()) {
            findings.add(SecurityPolicyValidator.KYVERNO_DEPRECATED.at(path, specAction.line(),
                    "spec.validationFailureAction is deprecated since Kyverno 1.13"));
        }
        List<LocatedNode> rules = spec.get("rules").elements();
        if (rules.isEmpty()) {
            findings.add(KYVERNO_STRUCTURE.at(path, spec.line(), kind + " has no spec.rules"));
        }
        Set<String> names = new HashSet<>();
        for (LocatedNode rule : rules) {
            rule(path, rule, names, findings);
        }
        return findings;
    }

    private static void rule(String path, LocatedNode rule, Set<String> names, List<Finding> findings) {
        String name = rule.get("name").scalarText();
        if (name == null || name.isBlank()) {
            findings.add(KYVERNO_STRUCTURE.at(path, rule.line(), rule.path() + " has no name"));
        } else if (!names.add(name)) {
            findings.add(KYVERNO_STRUCTURE.at(path, rule.get("name").line(), "rule name " + name + " is used twice"));
        }
        if (!rule.get("match").isObject()) {
            findings.add(KYVERNO_STRUCTURE.at(path, rule.line(), "rule " + name + " has no match"));
        }
        List<String> types = RULE_TYPES.stream().filter(type -> !rule.get(type).isMissing()).toList();
        if (types.size() != 1) {
            findings.add(KYVERNO_STRUCTURE.at(path, rule.line(), "rule " + name
                    + " must have exactly one of validate, mutate, generate, verifyImages; it has " + types));
            return;
        }
        LocatedNode validate = rule.get("validate");
        if (!validate.isMissing()) {
            if (VALIDATIONS.stream().allMatch(check -> validate.get(check).isMissing())) {
                findings.add(KYVERNO_STRUCTURE.at(path, validate.line(), "rule " + name
                        + " validates nothing: it needs one of " + VALIDATIONS));
            }
            failureAction(path, validate.get("failureAction"), findings);
        }
    }

    private static void failureAction(String path, LocatedNode action, List<Finding> findings) {
        String value = action.scalarText();
        if (!action.isMissing() && (value == null || !FAILURE_ACTIONS.contains(value.toLowerCase(Locale.ROOT)))) {
            findings.add(KYVERNO_STRUCTURE.at(path, action.line(),
                    action.path() + " must be Enforce or Audit, got " + action.node()));
        }
    }
}
