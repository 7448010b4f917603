package dev.omniarchitect.kinds.cloudformation;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.FieldNames;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a template's resources against the CloudFormation resource specification
 * ({@link ResourceSpecification}), as cfn-lint does: every type exists, every top-level property is one
 * of its type's, and every {@code Fn::GetAtt} (or {@code ${Resource.Attribute}} in {@code Fn::Sub}) names an
 * attribute the type has. Custom resources, modules and SAM's {@code AWS::Serverless::*} types are not in
 * the specification and are not checked. A type missing from the specification but close to none of its
 * names may be newer than it, so that is a warning.
 */
final class ResourceSpecCheck {

    static final Rule UNKNOWN_RESOURCE_TYPE = Rule.error("cloudformation/unknown-resource-type",
            "Use a resource type of the CloudFormation resource specification; check the spelling.");
    static final Rule UNVERIFIED_RESOURCE_TYPE = Rule.warning("cloudformation/unverified-resource-type",
            "Check that the resource type exists in your region (aws cloudformation describe-type).");
    static final Rule UNKNOWN_PROPERTY = Rule.error("cloudformation/unknown-property",
            "Use the properties the resource type defines; check the spelling.");
    static final Rule UNKNOWN_ATTRIBUTE = Rule.error("cloudformation/unknown-attribute",
            "Use an attribute the resource type returns with Fn::GetAtt (see its Return values).");

    private static final Pattern CHECKED_TYPE = Pattern.compile("(AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9]+");
    private static final Pattern SUB_ATTRIBUTE = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.([A-Za-z0-9.]+)}");
    /** Attributes a type returns by a name it chooses: a nested stack's outputs. */
    private static final String NESTED_OUTPUTS = "Outputs.";

    private final ResourceSpecification specification;
    private final String path;
    private final Map<String, String> typesByResource = new HashMap<>();
    private final List<Finding> findings = new ArrayList<>();

    private ResourceSpecCheck(ResourceSpecification specification, String path) {
        this.specification = specification;
        this.path = path;
    }

    /** The findings for a template's resources and attribute references. */
    static List<Finding> check(String path, LocatedNode template) {
        ResourceSpecCheck check = new ResourceSpecCheck(ResourceSpecification.builtIn(), path);
        for (var resource : template.get("Resources").fields()) {
            check.resource(resource.getKey(), resource.getValue());
        }
        check.attributes(template);
        return check.findings;
    }

    private void resource(String name, LocatedNode resource) {
        LocatedNode typeNode = resource.get("Type");
        String type = typeNode.text();
        if (type == null || !CHECKED_TYPE.matcher(type).matches() || type.startsWith("AWS::Serverless::")) {
            return;
        }
        Optional<ResourceSpecification.ResourceType> known = specification.type(type);
        if (known.isEmpty()) {
            String suggestion = FieldNames.suggestion(type, specification.typeNames());
            Rule rule = suggestion.isEmpty() ? UNVERIFIED_RESOURCE_TYPE : UNKNOWN_RESOURCE_TYPE;
            findings.add(rule.at(path, typeNode.line(), "resource " + name + " has the type " + type
                    + ", which the resource specification " + specification.version() + " does not have" + suggestion));
            return;
        }
        typesByResource.put(name, type);
        for (var property : resource.get("Properties").fields()) {
            if (!known.get().properties().contains(property.getKey())) {
                findings.add(UNKNOWN_PROPERTY.at(path, property.getValue().line(), type + " has no property "
                        + property.getKey() + FieldNames.suggestion(property.getKey(), known.get().properties())));
            }
        }
    }

    private void attributes(LocatedNode node) {
        for (var field : node.fields()) {
            LocatedNode value = field.getValue();
            if (field.getKey().equals("Fn::GetAtt")) {
                getAtt(value);
            } else if (field.getKey().equals("Fn::Sub")) {
                LocatedNode text = value.isArray() ? value.get(0) : value;
                if (text.text() != null) {
                    Matcher reference = SUB_ATTRIBUTE.matcher(text.text());
                    while (reference.find()) {
                        attribute(reference.group(1), reference.group(2), text.line());
                    }
                }
            }
            attributes(value);
        }
        node.elements().forEach(this::attributes);
    }

    private void getAtt(LocatedNode value) {
        if (value.isArray() && value.get(0).text() != null && value.get(1).text() != null) {
            attribute(value.get(0).text(), value.get(1).text(), value.get(1).line());
        } else if (value.text() != null && value.text().contains(".")) {
            String text = value.text();
            attribute(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1), value.line());
        }
    }

    private void attribute(String resource, String attribute, Integer line) {
        String type = typesByResource.get(resource);
        if (type == null || attribute.startsWith(NESTED_OUTPUTS)) {
            return;
        }
        ResourceSpecification.ResourceType known = specification.type(type).orElseThrow();
        if (!known.attributes().contains(attribute)) {
            findings.add(UNKNOWN_ATTRIBUTE.at(path, line, "Fn::GetAtt " + resource + "." + attribute + ": " + type
                    + (known.attributes().isEmpty() ? " returns no attributes"
                    : " returns " + known.attributes().stream().sorted().toList()
                            + FieldNames.suggestion(attribute, known.attributes()))));
        }
    }
}
