package dev.omniarchitect.kinds.cloudformation;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileSelection;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.SecretNames;
import dev.omniarchitect.validation.document.AllowedKeys;
import dev.omniarchitect.validation.document.DocumentCheck;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks CloudFormation templates in YAML (short-form tags such as {@code !Ref} understood, see
 * {@link CloudFormationTags}) or JSON: the template anatomy, resource types and attributes, references
 * that resolve ({@link CloudFormationReferences}; skipped when a Transform such as SAM adds resources),
 * no secrets written into properties or parameter defaults, and resource types, properties and attributes
 * that the CloudFormation resource specification has ({@link ResourceSpecCheck}).
 */
public final class CloudFormationValidator implements FileValidator {

    static final Rule MISSING_FILE = Rule.error("cloudformation/missing-file", "Add the template as .yaml or .json.");
    static final Rule SYNTAX = Rule.error("cloudformation/syntax", "Fix the YAML or JSON so that it parses.");
    static final Rule STRUCTURE = Rule.error("cloudformation/structure",
            "Give the template a Resources map, every resource a Type such as AWS::S3::Bucket.");
    static final Rule UNKNOWN_KEY = Rule.error("cloudformation/unknown-key",
            "Use the template sections and resource attributes CloudFormation defines; check the spelling.");
    static final Rule UNDEFINED_REFERENCE = Rule.error("cloudformation/undefined-reference",
            "Refer only to parameters, resources, conditions and pseudo parameters the template defines.");
    static final Rule HARDCODED_SECRET = Rule.error("cloudformation/hardcoded-secret",
            "Use a NoEcho parameter or a dynamic reference ({{resolve:secretsmanager:...}}) instead of a literal secret.");
    static final Rule NO_ECHO = Rule.warning("cloudformation/no-echo",
            "Mark parameters that hold secrets NoEcho: true, so the console and API do not show them.");

    private static final FileSelection TEMPLATES = new FileSelection("template (.yaml, .yml, .json or .template)",
            path -> FileNames.isYaml(path) || FileNames.hasExtension(path, ".json", ".template"), MISSING_FILE);
    /** The template sections; Globals belongs to SAM templates (Transform: AWS::Serverless-2016-10-31). */
    private static final AllowedKeys SECTIONS = AllowedKeys.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Globals", "Resources", "Outputs");
    private static final AllowedKeys RESOURCE_ATTRIBUTES = AllowedKeys.of("Type", "Properties", "DependsOn",
            "Condition", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy", "Metadata");
    private static final Pattern RESOURCE_TYPE =
            Pattern.compile("[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(::MODULE)?|Custom::[A-Za-z0-9_@-]+");
    private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]+");
    private static final Set<String> DELETION_POLICIES = Set.of("Delete", "Retain", "RetainExceptOnCreate", "Snapshot");

    @Override
    public boolean reads(String path) {
        return TEMPLATES.accepts().test(path);
    }

    @Override
    public String kind() {
        return "cloudformation";
    }

    @Override
    public List<Rule> rules() {
        return List.of(MISSING_FILE, SYNTAX, STRUCTURE, UNKNOWN_KEY, UNDEFINED_REFERENCE, HARDCODED_SECRET, NO_ECHO,
                ResourceSpecCheck.UNKNOWN_RESOURCE_TYPE, ResourceSpecCheck.UNVERIFIED_RESOURCE_TYPE,
                ResourceSpecCheck.UNKNOWN_PROPERTY, ResourceSpecCheck.UNKNOWN_ATTRIBUTE);
    }

    @Override
    public List<Finding> validate(List<GeneratedFile> files) {
        return TEMPLATES.eachFile(files, file -> FileNames.hasExtension(file.path(), ".json")
                ? DocumentCheck.json(file, SYNTAX, this::template)
                : DocumentCheck.yaml(file, SYNTAX, new CloudFormationTags(), this::template));
    }

    private List<Finding> template(String path, LocatedNode template) {
        List<Finding> findings = new ArrayList<>();
        LocatedNode resources = template.get("Resources");
        if (!resources.isObject() || resources.fieldNames().isEmpty()) {
            findings.add(STRUCTURE.at(path, template.line(), "the template has no Resources"));
            return findings;
        }
        findings.addAll(SECTIONS.check(path, template, UNKNOWN_KEY));
        LocatedNode version = template.get("AWSTemplateFormatVersion");
        if (!version.isMissing() && !"2010-09-09".equals(version.scalarText())) {
            findings.add(STRUCTURE.at(path, version.line(), "AWSTemplateFormatVersion must be 2010-09-09"));
        }
        resources.fields().forEach(resource -> findings.addAll(resource(path, resource.getKey(), resource.getValue())));
        findings.addAll(ResourceSpecCheck.check(path, template));
        parameters(path, template.get("Parameters"), findings);
        for (var output : template.get("Outputs").fields()) {
            if (output.getValue().get("Value").isMissing()) {
                findings.add(STRUCTURE.at(path, output.getValue().line(), "output " + output.getKey() + " has no Value"));
            }
        }
        if (template.get("Transform").isMissing()) {
            findings.addAll(new CloudFormationReferences(path, template).check(template));
        }
        return findings;
    }

    private List<Finding> resource(String path, String name, LocatedNode resource) {
        List<Finding> findings = new ArrayList<>();
        if (!LOGICAL_ID.matcher(name).matches()) {
            findings.add(STRUCTURE.at(path, resource.line(), "logical id " + name + " must be alphanumeric"));
        }
        String type = resource.get("Type").text();
        if (type == null || !RESOURCE_TYPE.matcher(type).matches()) {
            findings.add(STRUCTURE.at(path, resource.get("Type").line(), "resource " + name
                    + (type == null ? " has no Type" : " has the malformed Type " + type)));
        }
        findings.addAll(RESOURCE_ATTRIBUTES.check(path, resource, UNKNOWN_KEY));
        LocatedNode deletionPolicy = resource.get("DeletionPolicy");
        if (deletionPolicy.text() != null && !DELETION_POLICIES.contains(deletionPolicy.text())) {
            findings.add(STRUCTURE.at(path, deletionPolicy.line(), "DeletionPolicy must be one of " + DELETION_POLICIES));
        }
        literalSecrets(path, resource.get("Properties"), findings);
        return findings;
    }

    private static void parameters(String path, LocatedNode parameters, List<Finding> findings) {
        for (var entry : parameters.fields()) {
            String name = entry.getKey();
            LocatedNode parameter = entry.getValue();
            if (!parameter.get("Type").hasText()) {
                findings.add(STRUCTURE.at(path, parameter.line(), "parameter " + name + " has no Type"));
            }
            if (SecretNames.isSecretName(name) && !parameter.get("NoEcho").node().asBoolean(false)) {
                findings.add(NO_ECHO.at(path, parameter.line(), "parameter " + name + " holds a secret but is not NoEcho"));
            }
            LocatedNode fallback = parameter.get("Default");
            if (SecretNames.isSecretName(name) && fallback.hasText() && SecretNames.isLiteral(fallback.text())) {
                findings.add(HARDCODED_SECRET.at(path, fallback.line(),
                        "parameter " + name + " has a literal secret as Default"));
            }
        }
    }

    /** Secret-named properties, at any depth, set to literal strings rather than references. */
    private static void literalSecrets(String path, LocatedNode properties, List<Finding> findings) {
        for (var property : properties.fields()) {
            LocatedNode value = property.getValue();
            if (value.hasText() && SecretNames.isSecretName(property.getKey()) && SecretNames.isLiteral(value.text())
                    && !value.text().startsWith("{{resolve:")) {
                findings.add(HARDCODED_SECRET.at(path, value.line(), property.getKey() + " is set to a literal secret"));
            }
            literalSecrets(path, value, findings);
        }
        properties.elements().forEach(element -> literalSecrets(path, element, findings));
    }
}
