package dev.omniarchitect.kind;

import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.validation.Finding;
import java.util.List;

/** The repair round's message: the original request, the files as they came back, and what is wrong with them. */
public final class RepairPrompt {

    private RepairPrompt() {
    }

    /** The message that asks for corrected files. */
    public static String of(String originalMessage, List<GeneratedFile> files, List<Finding> findings) {
        StringBuilder message = new StringBuilder()
                .append("Earlier you were asked:\n\n").append(originalMessage)
                .append("\n\nYour answer had these problems:\n");
        for (Finding finding : findings) {
            message.append("- ").append(finding.severity().wireName()).append(' ').append(finding.rule());
            if (finding.path() != null) {
                message.append(" in ").append(finding.path());
                if (finding.line() != null) {
                    message.append(" line ").append(finding.line());
                }
            }
            message.append(": ").append(finding.message());
            if (finding.fix() != null) {
                message.append(" (fix: ").append(finding.fix()).append(')');
            }
            message.append('\n');
        }
        message.append("\nThese were the files:\n\n");
        for (GeneratedFile file : files) {
            message.append("````text path=").append(file.path()).append('\n').append(file.content());
            if (!file.content().endsWith("\n")) {
                message.append('\n');
            }
            message.append("````\n\n");
        }
        return message.append("Return every file again in full, corrected, in the same format: one fenced code block ")
                .append("per file, named in its info string.").toString();
    }
}
