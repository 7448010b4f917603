package dev.omniarchitect.kinds.securitypolicy;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileSelection;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.DocumentCheck;
import dev.omniarchitect.validation.document.TagResolver;
import java.util.List;

/**
 * Checks policy as code for structure: Kyverno policies in YAML ({@link KyvernoPolicy}) and OPA Rego
 * modules ({@link RegoModule}). Structure only: whether a policy enforces what was asked is for a
 * reviewer, or for the engine's own tests (kyverno test, opa test).
 */
public final class SecurityPolicyValidator implements FileValidator {

    static final Rule MISSING_FILE = Rule.error("security-policy/missing-file",
            "Add the policy as a Kyverno .yaml file or an OPA .rego file.");
    static final Rule YAML_SYNTAX = Rule.error("security-policy/yaml-syntax", "Fix the YAML so that it parses.");
    static final Rule KYVERNO_STRUCTURE = Rule.error("security-policy/kyverno-structure",
            "Write a kyverno.io/v1 ClusterPolicy or Policy with metadata.name and spec.rules, each rule with a "
                    + "name, a match and one of validate, mutate, generate or verifyImages.");
    static final Rule KYVERNO_DEPRECATED = Rule.warning("security-policy/kyverno-deprecated",
            "Set failureAction in each rule's validate (Kyverno 1.13 and later) instead of "
                    + "spec.validationFailureAction, which is deprecated and will be removed.");
    static final Rule REGO_PACKAGE = Rule.error("security-policy/rego-package",
            "Start the Rego module with a package declaration, e.g. package kubernetes.admission.");
    static final Rule REGO_RULE = Rule.error("security-policy/rego-rule",
            "Define at least one rule, e.g. deny contains msg if { ... }.");
    static final Rule REGO_SYNTAX = Rule.error("security-policy/rego-syntax",
            "Fix the module's brackets and strings; check it with opa check.");

    private static final FileSelection POLICIES = new FileSelection("policy (.yaml or .rego)",
            path -> FileNames.isYaml(path) || FileNames.hasExtension(path, ".rego"), MISSING_FILE);

    @Override
    public boolean reads(String path) {
        return POLICIES.accepts().test(path);
    }

    @Override
    public String kind() {
        return "security-policy";
    }

    @Override
    public List<Rule> rules() {
        return List.of(MISSING_FILE, YAML_SYNTAX, KYVERNO_STRUCTURE, KYVERNO_DEPRECATED, KyvernoFields.UNKNOWN_FIELD,
                REGO_PACKAGE, REGO_RULE, REGO_SYNTAX);
    }

    @Override
    public List<Finding> validate(List<GeneratedFile> files) {
        return POLICIES.eachFile(files, file -> FileNames.hasExtension(file.path(), ".rego")
                ? RegoModule.check(file.path(), file.content())
                : DocumentCheck.yaml(file, YAML_SYNTAX, TagResolver.IGNORE, KyvernoPolicy::check));
    }
}
