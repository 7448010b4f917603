package dev.omniarchitect.validation.shell;

/**
 * One problem of a shell script.
 *
 * @param type    a syntax error (the shell refuses the script) or an unquoted expansion
 * @param line    the 1-based line in the script
 * @param message what is wrong, naming the construct or variable
 */
public record ShellProblem(Type type, int line, String message) {

    /** What kind of problem it is; each kind that runs scripts maps it to a rule of its own. */
    public enum Type {
        /** bash cannot parse the script (shellcheck's SC1xxx errors). */
        SYNTAX,
        /** a variable expanded without quotes, so it is split and globbed (shellcheck's SC2086). */
        UNQUOTED_EXPANSION
    }
}
