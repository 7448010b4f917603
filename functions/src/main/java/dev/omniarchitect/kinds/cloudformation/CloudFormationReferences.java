package dev.omniarchitect.kinds.cloudformation;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every Ref, Fn::GetAtt, Fn::Sub variable, DependsOn and condition names something the
 * template defines, as CloudFormation does before it creates anything.
 */
final class CloudFormationReferences {

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
            "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final String path;
    private final Set<String> resources;
    private final Set<String> referable = new HashSet<>(PSEUDO_PARAMETERS);
    private final Set<String> conditions;
    private final List<Finding> findings = new ArrayList<>();

    CloudFormationReferences(String path, LocatedNode template) {
        this.path = path;
        this.resources = Set.copyOf(template.get("Resources").fieldNames());
        this.conditions = Set.copyOf(template.get("Conditions").fieldNames());
        referable.addAll(resources);
        referable.addAll(template.get("Parameters").fieldNames());
    }

    /** The findings for every reference below a node. */
    List<Finding> check(LocatedNode node) {
        walk(node);
        return findings;
    }

    private void walk(LocatedNode node) {
        for (var field : node.fields()) {
            LocatedNode value = field.getValue();
            switch (field.getKey()) {
                case "Ref" -> name(value, referable, "Ref");
                case "Fn::GetAtt" -> name(value.isArray() ? value.get(0) : value, resources, "Fn::GetAtt");
                case "Fn::Sub" -> sub(value);
                case "DependsOn" -> (value.isArray() ? value.elements() : List.of(value))
                        .forEach(dependency -> name(dependency, resources, "DependsOn"));
                case "Condition" -> name(value, conditions, "Condition");
                case "Fn::If" -> name(value.get(0), conditions, "Fn::If");
                default -> {
                }
            }
            walk(value);
        }
        node.elements().forEach(this::walk);
    }

    private void name(LocatedNode reference, Set<String> defined, String function) {
        String text = reference.scalarText();
        if (text == null) {
            return;
        }
        String name = function.equals("Fn::GetAtt") && text.contains(".") ? text.substring(0, text.indexOf('.')) : text;
        if (!defined.contains(name)) {
            findings.add(CloudFormationValidator.UNDEFINED_REFERENCE.at(path, reference.line(),
                    function + " refers to " + name + ", which the template does not define"));
        }
    }

    private void sub(LocatedNode value) {
        LocatedNode template = value.isArray() ? value.get(0) : value;
        String text = template.text();
        if (text == null) {
            return;
        }
        Set<String> local = new HashSet<>(referable);
        local.addAll(value.get(1).fieldNames());
        Matcher variable = SUB_VARIABLE.matcher(text);
        while (variable.find()) {
            String name = variable.group(1).strip();
            String base = name.contains(".") && !local.contains(name) ? name.substring(0, name.indexOf('.')) : name;
            if (!local.contains(base)) {
                findings.add(CloudFormationValidator.UNDEFINED_REFERENCE.at(path, template.line(),
                        "Fn::Sub refers to ${" + name + "}, which the template does not define"));
            }
        }
    }
}
