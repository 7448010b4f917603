package dev.omniarchitect.kinds.terraform;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.SecretNames;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials written into Terraform text: a secret-named attribute ({@code password},
 * {@code secret_key}, {@code token}) set to a string literal, or an AWS access key id anywhere. Line by
 * line, because hcl4j gives no locations and a credential is one line.
 */
final class TerraformCredentials {

    private static final Pattern ATTRIBUTE = Pattern.compile("^\\s*\"?([A-Za-z0-9_-]+)\"?\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern AWS_ACCESS_KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b");
    private static final Pattern COMMENT = Pattern.compile("^\\s*(#|//)");

    private TerraformCredentials() {
    }

    /** The credential findings of one file. */
    static List<Finding> scan(String path, String text) {
        List<Finding> findings = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (COMMENT.matcher(line).find()) {
                continue;
            }
            Matcher attribute = ATTRIBUTE.matcher(line);
            if (AWS_ACCESS_KEY_ID.matcher(line).find()) {
                findings.add(TerraformValidator.HARDCODED_CREDENTIAL.at(path, i + 1,
                        "an AWS access key id is written into the file"));
            } else if (attribute.find() && SecretNames.isSecretName(attribute.group(1))
                    && SecretNames.isLiteral(attribute.group(2))) {
                findings.add(TerraformValidator.HARDCODED_CREDENTIAL.at(path, i + 1,
                        attribute.group(1) + " is set to a literal credential"));
            }
        }
        return findings;
    }
}
