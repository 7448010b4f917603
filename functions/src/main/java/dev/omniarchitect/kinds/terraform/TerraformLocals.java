package dev.omniarchitect.kinds.terraform;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every {@code local.<name>} a module uses must be declared in one of its {@code locals} blocks. */
final class TerraformLocals {

    static final Rule UNDECLARED_LOCAL = Rule.error("terraform/undeclared-local",
            "Declare the value in a locals block (locals { name = ... }) or fix the name's spelling.");

    private static final Pattern LOCAL_REFERENCE = Pattern.compile("(?<![A-Za-z0-9_.])local\\.([A-Za-z_][A-Za-z0-9_-]*)");
    private static final Pattern COMMENT = Pattern.compile("^\\s*(#|//)");
    /** A locals block's opening line and, inside one, an attribute at its first level. */
    private static final Pattern LOCALS_BLOCK = Pattern.compile("^\\s*locals\\s*\\{\\s*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_-]*)\\s*=");

    private TerraformLocals() {
    }

    /** The findings for the module's parsed files. */
    static List<Finding> check(List<TerraformModule.ParsedFile> files) {
        Set<String> declared = new HashSet<>();
        for (TerraformModule.ParsedFile file : files) {
            if (file.blocks().get("locals") instanceof Map<?, ?> locals) {
                locals.keySet().forEach(name -> declared.add(String.valueOf(name)));
            }
            declared.addAll(declaredInText(file.text()));
        }
        List<Finding> findings = new ArrayList<>();
        for (TerraformModule.ParsedFile file : files) {
            Set<String> reported = new HashSet<>();
            String[] lines = file.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (COMMENT.matcher(lines[i]).find()) {
                    continue;
                }
                Matcher reference = LOCAL_REFERENCE.matcher(lines[i]);
                while (reference.find()) {
                    String name = reference.group(1);
                    if (!declared.contains(name) && reported.add(name)) {
                        findings.add(UNDECLARED_LOCAL.at(file.path(), i + 1, "local." + name
                                + " is used but no locals block declares " + name));
                    }
                }
            }
        }
        return findings;
    }

    /** The names of every locals block, read from the text: hcl4j keeps only one block per type. */
    private static Set<String> declaredInText(String text) {
        Set<String> names = new HashSet<>();
        int depth = -1;
        for (String line : text.split("\n", -1)) {
            if (depth < 0) {
                if (LOCALS_BLOCK.matcher(line).matches()) {
                    depth = 1;
                }
                continue;
            }
            Matcher attribute = ATTRIBUTE.matcher(line);
            if (depth == 1 && attribute.find()) {
                names.add(attribute.group(1));
            }
            depth += count(line, '{') + count(line, '[') + count(line, '(') - count(line, '}') - count(line, ']')
                    - count(line, ')');
            if (depth <= 0) {
                depth = -1;
            }
        }
        return names;
    }

    private static int count(String line, char c) {
        return (int) line.chars().filter(ch -> ch == c).count();
    }
}
