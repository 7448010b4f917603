package dev.omniarchitect.kinds.terraform;

import static dev.omniarchitect.kinds.terraform.TerraformValidator.HARDCODED_CREDENTIAL;
import static dev.omniarchitect.kinds.terraform.TerraformValidator.REQUIRED_PROVIDERS_PINNED;
import static dev.omniarchitect.kinds.terraform.TerraformValidator.SENSITIVE_VARIABLE;
import static dev.omniarchitect.kinds.terraform.TerraformValidator.UNDECLARED_VARIABLE;
import static dev.omniarchitect.kinds.terraform.TerraformValidator.VARIABLE_DESCRIPTION;
import static dev.omniarchitect.kinds.terraform.TerraformValidator.VARIABLE_TYPE;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.SecretNames;
import dev.omniarchitect.validation.document.TextLines;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks that read a module's parsed files together: providers, variables and their references. */
final class TerraformModule {

    /** A file hcl4j parsed: its blocks by type, then label. */
    record ParsedFile(String path, String text, Map<String, Object> blocks) {
    }

    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\bvar\\.([A-Za-z_][A-Za-z0-9_-]*)");
    private static final Pattern COMMENT = Pattern.compile("^\\s*(#|//)");
    /** Resources of the built-in terraform provider, which needs no declaration. */
    private static final String BUILT_IN_PROVIDER = "terraform";

    private final List<ParsedFile> files;
    private final List<Finding> findings = new ArrayList<>();

    TerraformModule(List<ParsedFile> files) {
        this.files = files;
    }

    List<Finding> check() {
        providers();
        Set<String> declared = variables();
        references(declared);
        return findings;
    }

    private void providers() {
        Set<String> declared = new HashSet<>();
        for (ParsedFile file : files) {
            Map<String, Object> required = map(map(file.blocks().get("terraform")).get("required_providers"));
            required.forEach((name, requirement) -> {
                declared.add(name);
                Object version = requirement instanceof Map<?, ?> settings ? settings.get("version") : requirement;
                if (!(version instanceof String text) || text.isBlank()) {
                    Integer block = TextLines.first(file.text(), Pattern.compile("\\brequired_providers\\b"));
                    findings.add(REQUIRED_PROVIDERS_PINNED.at(file.path(),
                            TextLines.first(file.text(), assignment(name), block == null ? 1 : block),
                            "provider " + name + " has no version constraint"));
                }
            });
        }
        Map<String, ParsedFile> used = new LinkedHashMap<>();
        for (ParsedFile file : files) {
            for (String blockType : List.of("resource", "data")) {
                map(file.blocks().get(blockType)).keySet().forEach(type ->
                        used.putIfAbsent(type.contains("_") ? type.substring(0, type.indexOf('_')) : type, file));
            }
            map(file.blocks().get("provider")).keySet().forEach(name -> used.putIfAbsent(name, file));
        }
        used.forEach((provider, file) -> {
            if (!declared.contains(provider) && !provider.equals(BUILT_IN_PROVIDER)) {
                findings.add(REQUIRED_PROVIDERS_PINNED.at(file.path(), TextLines.first(file.text(), Pattern.compile(
                                "^\\s*(provider\\s+\"" + Pattern.quote(provider) + "\"|(resource|data)\\s+\""
                                        + Pattern.quote(provider) + "_)")),
                        "provider " + provider + " is used but not in required_providers, so any version may be installed"));
            }
        });
    }

    /** Checks every variable block; returns the names declared. */
    private Set<String> variables() {
        Set<String> declared = new HashSet<>();
        for (ParsedFile file : files) {
            map(file.blocks().get("variable")).forEach((name, body) -> {
                declared.add(name);
                Map<String, Object> settings = map(body);
                Integer line = TextLines.first(file.text(),
                        Pattern.compile("^\\s*variable\\s+\"" + Pattern.quote(name) + "\""));
                if (settings.get("type") == null) {
                    findings.add(VARIABLE_TYPE.at(file.path(), line, "variable " + name + " has no type"));
                }
                if (!(settings.get("description") instanceof String description) || description.isBlank()) {
                    findings.add(VARIABLE_DESCRIPTION.at(file.path(), line, "variable " + name + " has no description"));
                }
                if (SecretNames.isSecretName(name)) {
                    secretVariable(file, name, settings, line);
                }
            });
        }
        return declared;
    }

    private void secretVariable(ParsedFile file, String name, Map<String, Object> settings, Integer line) {
        if (!Boolean.TRUE.equals(settings.get("sensitive"))) {
            findings.add(SENSITIVE_VARIABLE.at(file.path(), line,
                    "variable " + name + " holds a secret but is not sensitive"));
        }
        if (settings.get("default") instanceof String value && SecretNames.isLiteral(value)) {
            findings.add(HARDCODED_CREDENTIAL.at(file.path(),
                    TextLines.first(file.text(), assignment("default"), line == null ? 1 : line),
                    "variable " + name + " has a literal secret as its default"));
        }
    }

    private void references(Set<String> declared) {
        for (ParsedFile file : files) {
            Set<String> reported = new HashSet<>();
            String[] lines = file.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (COMMENT.matcher(lines[i]).find()) {
                    continue;
                }
                Matcher reference = VARIABLE_REFERENCE.matcher(lines[i]);
                while (reference.find()) {
                    String name = reference.group(1);
                    if (!declared.contains(name) && reported.add(name)) {
                        findings.add(UNDECLARED_VARIABLE.at(file.path(), i + 1,
                                "var." + name + " is used but no variable \"" + name + "\" is declared"));
                    }
                }
            }
        }
    }

    private static Pattern assignment(String name) {
        return Pattern.compile("^\\s*\"?" + Pattern.quote(name) + "\"?\\s*=");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
