package dev.omniarchitect.validation.shell;

import dev.omniarchitect.validation.shell.ShellLexer.Expansion;
import dev.omniarchitect.validation.shell.ShellLexer.SyntaxError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shell checks shared by every kind that runs scripts (a Dockerfile's {@code RUN}, a workflow's
 * {@code run:}): bash's syntax and unquoted expansions. No Java library parses bash, so the lexer and
 * parser are ours ({@link ShellLexer}, {@link ShellParser}); where shellcheck is installed, a test runs the
 * corpus through it and asserts both agree.
 */
public final class ShellScript {

    private ShellScript() {
    }

    /**
     * The problems of a script: its first syntax error, if any, else every unquoted expansion (one per
     * line), with lines counted from 1 at the script's first line.
     */
    public static List<ShellProblem> check(String script) {
        ShellParser.Context context = new ShellParser.Context();
        try {
            ShellLexer lexer = new ShellLexer(script, 0, 1, context);
            new ShellParser(lexer.tokens(false), context).script();
        } catch (SyntaxError e) {
            return List.of(new ShellProblem(ShellProblem.Type.SYNTAX, e.line, e.getMessage()));
        }
        List<ShellProblem> problems = new ArrayList<>();
        Set<Integer> lines = new HashSet<>();
        for (Expansion expansion : context.unquoted) {
            if (lines.add(expansion.line())) {
                problems.add(new ShellProblem(ShellProblem.Type.UNQUOTED_EXPANSION, expansion.line(),
                        "$" + expansion.name() + " is expanded without quotes, so its value is split at spaces and "
                                + "globbed"));
            }
        }
        return problems;
    }
}
