package dev.omniarchitect.validation.shell;

/**
 * A script inside another file (a Dockerfile's RUN, a workflow's run:).
 *
 * @param text      the script as the shell receives it
 * @param firstLine the line of the file where the script's first line is
 */
public record EmbeddedScript(String text, int firstLine) {
}
