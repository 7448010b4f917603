package dev.omniarchitect.kinds.terraform;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.FileNames;
import dev.omniarchitect.validation.FileSelection;
import dev.omniarchitect.validation.FileValidator;
import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.Delimiters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a Terraform module, its {@code .tf} files together: each parses as HCL (hcl4j, through
 * {@link SafeHclParser}, plus a bracket check hcl4j does not make), providers are pinned, no credential
 * is written into the files, and variables are declared, typed and described ({@link TerraformModule}).
 */
public final class TerraformValidator implements FileValidator {

    static final Rule MISSING_FILE = Rule.error("terraform/missing-file", "Add the module's .tf files.");
    static final Rule HCL_SYNTAX = Rule.error("terraform/hcl-syntax",
            "Fix the HCL so that terraform validate can parse it.");
    static final Rule REQUIRED_PROVIDERS_PINNED = Rule.error("terraform/required-providers-pinned",
            "Declare every provider in terraform { required_providers { name = { source = \"...\", "
                    + "version = \"~> x.y\" } } }.");
    static final Rule HARDCODED_CREDENTIAL = Rule.error("terraform/hardcoded-credential",
            "Never write credentials into Terraform files: use the provider's environment or role, or a "
                    + "sensitive variable filled from a secret store.");
    static final Rule UNDECLARED_VARIABLE = Rule.error("terraform/undeclared-variable",
            "Declare the variable in a variable block (usually in variables.tf).");
    static final Rule VARIABLE_TYPE = Rule.warning("terraform/variable-type", "Give the variable a type.");
    static final Rule VARIABLE_DESCRIPTION = Rule.warning("terraform/variable-description",
            "Give the variable a description.");
    static final Rule SENSITIVE_VARIABLE = Rule.warning("terraform/sensitive-variable",
            "Mark variables that hold secrets sensitive = true, so plans and logs do not show them.");

    private static final Delimiters HCL = new Delimiters(List.of("#", "//"), true, "\"", true);
    private static final FileSelection TERRAFORM_FILES =
            new FileSelection(".tf file", path -> FileNames.hasExtension(path, ".tf"), MISSING_FILE);
    private static final Pattern HCL4J_LINE = Pattern.compile("line:? (\\d+)");

    @Override
    public boolean reads(String path) {
        return TERRAFORM_FILES.accepts().test(path);
    }

    @Override
    public String kind() {
        return "terraform";
    }

    @Override
    public List<Rule> rules() {
        return List.of(MISSING_FILE, HCL_SYNTAX, REQUIRED_PROVIDERS_PINNED, HARDCODED_CREDENTIAL, UNDECLARED_VARIABLE,
                VARIABLE_TYPE, VARIABLE_DESCRIPTION, SENSITIVE_VARIABLE, TerraformLocals.UNDECLARED_LOCAL);
    }

    @Override
    public List<Finding> validate(List<GeneratedFile> files) {
        return TERRAFORM_FILES.allFiles(files, this::module);
    }

    private List<Finding> module(List<GeneratedFile> terraformFiles) {
        List<Finding> findings = new ArrayList<>();
        List<TerraformModule.ParsedFile> parsed = new ArrayList<>();
        for (GeneratedFile file : terraformFiles) {
            findings.addAll(TerraformCredentials.scan(file.path(), file.content()));
            Optional<Delimiters.Problem> unbalanced = HCL.firstProblem(file.content());
            if (unbalanced.isPresent()) {
                findings.add(HCL_SYNTAX.at(file.path(), unbalanced.get().line(), unbalanced.get().message()));
                continue;
            }
            try {
                Map<String, Object> blocks = new SafeHclParser().parse(file.content());
                parsed.add(new TerraformModule.ParsedFile(file.path(), file.content(), blocks));
            } catch (Exception e) {
                findings.add(syntaxError(file.path(), e));
            }
        }
        findings.addAll(new TerraformModule(parsed).check());
        findings.addAll(TerraformLocals.check(parsed));
        return findings;
    }

    private static Finding syntaxError(String path, Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").strip();
        Matcher line = HCL4J_LINE.matcher(message);
        return HCL_SYNTAX.at(path, line.find() ? Integer.valueOf(line.group(1)) : null,
                "hcl4j cannot parse the file: " + message);
    }
}
