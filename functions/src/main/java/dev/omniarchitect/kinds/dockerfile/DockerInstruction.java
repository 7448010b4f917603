package dev.omniarchitect.kinds.dockerfile;

/**
 * One instruction of a Dockerfile.
 *
 * @param keyword   the instruction, upper case ({@code RUN})
 * @param arguments the rest, continuation lines joined with a space and heredoc bodies appended after a newline
 * @param line      the 1-based line where the instruction starts
 */
public record DockerInstruction(String keyword, String arguments, int line) {
}
