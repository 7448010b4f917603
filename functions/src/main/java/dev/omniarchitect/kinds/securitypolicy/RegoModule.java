package dev.omniarchitect.kinds.securitypolicy;

import static dev.omniarchitect.kinds.securitypolicy.SecurityPolicyValidator.REGO_PACKAGE;
import static dev.omniarchitect.kinds.securitypolicy.SecurityPolicyValidator.REGO_RULE;
import static dev.omniarchitect.kinds.securitypolicy.SecurityPolicyValidator.REGO_SYNTAX;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.document.Delimiters;
import dev.omniarchitect.validation.document.TextLines;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The structure of an OPA Rego module: a package declaration first, at least one rule, and brackets and
 * strings that pair up. There is no Rego parser for Java; {@code opa check} is the full check.
 */
final class RegoModule {

    private static final Pattern CODE_LINE = Pattern.compile("^\\s*[^\\s#]");
    private static final Pattern PACKAGE = Pattern.compile(
            "^\\s*package\\s+[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*|\\[\"[^\"]+\"])*\\s*(#.*)?$");
    /** A rule head: {@code deny[msg] {}, deny contains msg if {}, allow if {}, default allow := false, x = 1}. */
    private static final Pattern RULE_HEAD = Pattern.compile("^(default\\s+)?(?!package\\b|import\\b)[A-Za-z_][A-Za-z0-9_]*"
            + "(\\[[^\\]]*])?(\\.[A-Za-z_][A-Za-z0-9_]*)*(\\s+contains\\s+\\S+)?\\s*(\\bif\\b|\\{|:?=)");
    private static final Delimiters REGO = new Delimiters(List.of("#"), false, "\"`", false);

    private RegoModule() {
    }

    /** The structure findings of one module. */
    static List<Finding> check(String path, String text) {
        List<Finding> findings = new ArrayList<>();
        Integer firstCode = TextLines.first(text, CODE_LINE);
        if (firstCode == null || !PACKAGE.matcher(text.split("\n", -1)[firstCode - 1]).find()) {
            findings.add(REGO_PACKAGE.at(path, firstCode, "the module does not start with a package declaration"));
        }
        if (TextLines.first(text, RULE_HEAD) == null) {
            findings.add(REGO_RULE.at(path, null, "the module defines no rule"));
        }
        REGO.firstProblem(text).ifPresent(problem -> findings.add(REGO_SYNTAX.at(path, problem.line(), problem.message())));
        return findings;
    }
}
