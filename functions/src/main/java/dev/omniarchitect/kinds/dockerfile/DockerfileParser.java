package dev.omniarchitect.kinds.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into instructions the way BuildKit's parser does, as far as validation needs:
 * parser directives ({@code # escape=`}), comments, line continuations (comment and blank lines inside
 * them dropped) and heredocs ({@code RUN <<EOF ... EOF}), whose bodies belong to their instruction.
 * No Java library parses Dockerfiles, so this is ours; it never fails, an odd line becomes an instruction
 * that the validator can name.
 */
public final class DockerfileParser {

    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([A-Za-z]+)\\s*=\\s*(\\S+)\\s*");
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("RUN", "COPY", "ADD");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");

    private DockerfileParser() {
    }

    /** The instructions of a Dockerfile, in order. */
    public static List<DockerInstruction> parse(String dockerfile) {
        String[] lines = dockerfile.replace("\r\n", "\n").split("\n", -1);
        char escape = escapeCharacter(lines);
        List<DockerInstruction> instructions = new ArrayList<>();
        int index = 0;
        while (index < lines.length) {
            String trimmed = lines[index].strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                index++;
                continue;
            }
            int start = index;
            StringBuilder logical = new StringBuilder();
            while (true) {
                String line = lines[index].strip();
                index++;
                boolean continues = !line.isEmpty() && line.charAt(line.length() - 1) == escape;
                logical.append(continues ? line.substring(0, line.length() - 1) : line);
                if (!continues) {
                    break;
                }
                logical.append(' ');
                index = skipCommentsAndBlanks(lines, index);
                if (index >= lines.length) {
                    break;
                }
            }
            DockerInstruction instruction = instruction(logical.toString(), start + 1);
            if (HEREDOC_INSTRUCTIONS.contains(instruction.keyword())) {
                index = appendHeredocs(lines, index, logical);
                instruction = instruction(logical.toString(), start + 1);
            }
            instructions.add(instruction);
        }
        return instructions;
    }

    /** The escape character: backslash unless a leading {@code # escape=} directive says otherwise. */
    private static char escapeCharacter(String[] lines) {
        for (String line : lines) {
            Matcher directive = DIRECTIVE.matcher(line.strip());
            if (!directive.matches()) {
                break;
            }
            if (directive.group(1).equalsIgnoreCase("escape") && directive.group(2).length() == 1) {
                return directive.group(2).charAt(0);
            }
        }
        return '\\';
    }

    private static int skipCommentsAndBlanks(String[] lines, int index) {
        while (index < lines.length && (lines[index].isBlank() || lines[index].strip().startsWith("#"))) {
            index++;
        }
        return index;
    }

    /** Appends the body of every heredoc the instruction opens; returns the index after the last one. */
    private static int appendHeredocs(String[] lines, int index, StringBuilder logical) {
        Matcher heredoc = HEREDOC.matcher(logical.toString());
        while (heredoc.find()) {
            boolean stripTabs = !heredoc.group(1).isEmpty();
            String delimiter = heredoc.group(3);
            while (index < lines.length) {
                String line = stripTabs ? lines[index].replaceFirst("^\t+", "") : lines[index];
                index++;
                if (line.equals(delimiter)) {
                    break;
                }
                logical.append('\n').append(line);
            }
        }
        return index;
    }

    private static DockerInstruction instruction(String logical, int line) {
        String[] parts = logical.strip().split("\\s+", 2);
        return new DockerInstruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "", line);
    }
}
