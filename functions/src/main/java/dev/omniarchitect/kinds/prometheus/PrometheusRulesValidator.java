package dev.omniarchitect.kinds.prometheus;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileSelection;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.AllowedKeys;
import dev.omniarchitect.validation.document.DocumentCheck;
import dev.omniarchitect.validation.document.LocatedNode;
import dev.omniarchitect.validation.document.TagResolver;
import dev.omniarchitect.validation.promql.PromQl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks Prometheus rule files as {@code promtool check rules} reads them: groups with unique names and
 * rules, each rule a recording rule or an alert with an expression, valid names and durations, known keys;
 * expressions are parsed as PromQL ({@link PromQl}) and label and annotation templates as Go templates
 * ({@link AlertTemplate}). Plus the
 * practices: alerts with a {@code for}, a severity label and a summary; recording rules named
 * {@code level:metric:operations}. Prometheus Operator {@code PrometheusRule} resources are read the same
 * way, from their spec. No JSON Schema for rule files is published on Maven Central.
 */
public final class PrometheusRulesValidator implements FileValidator {

    static final Rule MISSING_FILE = Rule.error("prometheus-rules/missing-file", "Add the rule file as .yml.");
    static final Rule YAML_SYNTAX = Rule.error("prometheus-rules/yaml-syntax", "Fix the YAML so that it parses.");
    static final Rule STRUCTURE = Rule.error("prometheus-rules/structure",
            "Write groups: a list of {name, rules}, each rule with record or alert, and expr.");
    static final Rule UNKNOWN_KEY = Rule.error("prometheus-rules/unknown-key",
            "Use the keys of the rule file format; check the spelling.");
    static final Rule DURATION = Rule.error("prometheus-rules/duration",
            "Write durations as Prometheus does: a number and a unit, e.g. 30s, 5m, 1h30m.");
    static final Rule EXPR_SYNTAX = Rule.error("prometheus-rules/expr-syntax",
            "Fix the PromQL expression so that it parses; check it with promtool check rules.");
    static final Rule TEMPLATE_SYNTAX = Rule.error("prometheus-rules/template-syntax",
            "Fix the Go template of the label or annotation: close every {{ with }}, use $labels.<name> and $value.");
    static final Rule RECORD_NAME = Rule.warning("prometheus-rules/record-name",
            "Name recording rules level:metric:operations, e.g. job:http_requests:rate5m.");
    static final Rule ALERT_FOR = Rule.warning("prometheus-rules/alert-for",
            "Give the alert a for: duration, so a single bad scrape does not page anyone.");
    static final Rule ALERT_SEVERITY = Rule.warning("prometheus-rules/alert-severity",
            "Give the alert a labels.severity (e.g. critical or warning) for routing.");
    static final Rule ALERT_SUMMARY = Rule.warning("prometheus-rules/alert-summary",
            "Give the alert an annotations.summary that says what is wrong.");

    private static final FileSelection RULE_FILES = new FileSelection("rule .yml file", FileNames::isYaml, MISSING_FILE);
    private static final AllowedKeys GROUP_KEYS = AllowedKeys.of("name", "interval", "query_offset", "limit", "rules",
            "labels");
    private static final AllowedKeys RULE_KEYS = AllowedKeys.of("record", "alert", "expr", "for", "keep_firing_for",
            "labels", "annotations");
    private static final Pattern DURATION_FORMAT = Pattern.compile(
            "0|(?=.)([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LEVEL_METRIC_OPERATIONS =
            Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]*[a-zA-Z0-9_]:[a-zA-Z0-9_]+");

    @Override
    public boolean reads(String path) {
        return RULE_FILES.accepts().test(path);
    }

    @Override
    public String kind() {
        return "prometheus-rules";
    }

    @Override
    public List<Rule> rules() {
        return List.of(MISSING_FILE, YAML_SYNTAX, STRUCTURE, UNKNOWN_KEY, DURATION, EXPR_SYNTAX, TEMPLATE_SYNTAX,
                RECORD_NAME, ALERT_FOR, ALERT_SEVERITY, ALERT_SUMMARY);
    }

    @Override
    public List<Finding> validate(List<GeneratedFile> files) {
        return RULE_FILES.eachFile(files, file -> DocumentCheck.yaml(file, YAML_SYNTAX, TagResolver.IGNORE, this::ruleFile));
    }

    private List<Finding> ruleFile(String path, LocatedNode root) {
        List<Finding> findings = new ArrayList<>();
        // The Prometheus Operator's PrometheusRule resource holds the same groups under spec.
        boolean operatorResource = "PrometheusRule".equals(root.get("kind").text());
        LocatedNode file = operatorResource ? root.get("spec") : root;
        LocatedNode groups = file.get("groups");
        if (!groups.isArray() || groups.elements().isEmpty()) {
            findings.add(STRUCTURE.at(path, file.line(), "the file has no groups list"));
            return findings;
        }
        findings.addAll(AllowedKeys.of("groups").check(path, file, UNKNOWN_KEY));
        Set<String> names = new HashSet<>();
        for (LocatedNode group : groups.elements()) {
            String name = group.get("name").scalarText();
            if (name == null || name.isBlank()) {
                findings.add(STRUCTURE.at(path, group.line(), group.path() + " has no name"));
            } else if (!names.add(name)) {
                findings.add(STRUCTURE.at(path, group.get("name").line(), "group name " + name + " is used twice"));
            }
            findings.addAll(GROUP_KEYS.check(path, group, UNKNOWN_KEY));
            duration(path, group.get("interval"), findings);
            if (!group.get("rules").isArray()) {
                findings.add(STRUCTURE.at(path, group.line(), "group " + name + " has no rules list"));
            }
            group.get("rules").elements().forEach(rule -> findings.addAll(rule(path, rule)));
        }
        return findings;
    }

    private List<Finding> rule(String path, LocatedNode rule) {
        List<Finding> findings = new ArrayList<>(RULE_KEYS.check(path, rule, UNKNOWN_KEY));
        LocatedNode expr = rule.get("expr");
        String expression = expr.scalarText();
        if (expression == null || expression.isBlank()) {
            findings.add(STRUCTURE.at(path, rule.line(), rule.path() + " has no expr"));
        } else {
            // A block scalar (expr: |) keeps its final newline and starts on the line after the key.
            int firstLine = expr.line() + (expression.endsWith("\n") ? 1 : 0);
            PromQl.problem(expression).ifPresent(problem -> findings.add(EXPR_SYNTAX.at(path,
                    firstLine + problem.line() - 1, "expr: " + problem.message())));
        }
        LocatedNode record = rule.get("record");
        LocatedNode alert = rule.get("alert");
        if (record.isMissing() == alert.isMissing()) {
            findings.add(STRUCTURE.at(path, rule.line(), rule.path() + " must have either record or alert"));
        } else if (!record.isMissing()) {
            recordingRule(path, rule, record, findings);
        } else {
            alertingRule(path, rule, alert.scalarText(), findings);
        }
        return findings;
    }

    private static void recordingRule(String path, LocatedNode rule, LocatedNode record, List<Finding> findings) {
        String name = record.scalarText();
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            findings.add(STRUCTURE.at(path, record.line(), "record " + name + " is not a valid metric name"));
        } else if (!LEVEL_METRIC_OPERATIONS.matcher(name).matches()) {
            findings.add(RECORD_NAME.at(path, record.line(), "record " + name + " is not named level:metric:operations"));
        }
        for (String alertOnly : List.of("for", "keep_firing_for", "annotations")) {
            if (!rule.get(alertOnly).isMissing()) {
                findings.add(STRUCTURE.at(path, rule.get(alertOnly).line(),
                        "recording rule " + name + " cannot have " + alertOnly));
            }
        }
    }

    private static void alertingRule(String path, LocatedNode rule, String name, List<Finding> findings) {
        for (String templated : List.of("labels", "annotations")) {
            for (var entry : rule.get(templated).fields()) {
                LocatedNode value = entry.getValue();
                String text = value.scalarText();
                if (text != null) {
                    int firstLine = value.line() + (text.endsWith("\n") ? 1 : 0);
                    AlertTemplate.problem(text).ifPresent(problem -> findings.add(TEMPLATE_SYNTAX.at(path,
                            firstLine + problem.line() - 1, value.path() + ": " + problem.message())));
                }
            }
        }
        if (rule.get("for").isMissing()) {
            findings.add(ALERT_FOR.at(path, rule.line(), "alert " + name + " has no for duration"));
        }
        duration(path, rule.get("for"), findings);
        duration(path, rule.get("keep_firing_for"), findings);
        if (!rule.at("labels", "severity").hasText()) {
            findings.add(ALERT_SEVERITY.at(path, rule.line(), "alert " + name + " has no labels.severity"));
        }
        if (!rule.at("annotations", "summary").hasText()) {
            findings.add(ALERT_SUMMARY.at(path, rule.line(), "alert " + name + " has no annotations.summary"));
        }
    }

    private static void duration(String path, LocatedNode value, List<Finding> findings) {
        String text = value.scalarText();
        if (!value.isMissing() && (text == null || !DURATION_FORMAT.matcher(text).matches())) {
            findings.add(DURATION.at(path, value.line(), value.path() + ": " + value.node() + " is not a duration"));
        }
    }
}
