package dev.omniarchitect.kinds.dockerfile;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.shell.EmbeddedScript;
import dev.omniarchitect.validation.shell.ShellProblem;
import dev.omniarchitect.validation.shell.ShellScript;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell form of every {@code RUN}, parsed as the {@code /bin/sh -c} script it is (with the shell
 * parser the workflow kind uses for {@code run:}), as hadolint does with shellcheck; the body of a
 * {@code RUN <<EOF} heredoc is its script. Exec-form {@code RUN}s, heredocs inside a command, bodies for
 * another interpreter ({@code #!/usr/bin/env python3}) and stages whose {@code SHELL} is not a POSIX shell
 * are not scripts for sh.
 */
final class RunScripts {

    static final Rule SHELL_SYNTAX = Rule.error("dockerfile/run-shell-syntax",
            "Fix the RUN command's shell syntax (if ...; then ...; fi, quotes closed); check it with shellcheck.");
    static final Rule UNQUOTED_EXPANSION = Rule.warning("dockerfile/run-unquoted-expansion",
            "Quote the expansion (\"$VAR\") so its value is not split at spaces and globbed.");

    private static final Pattern FLAGS = Pattern.compile("^(--[a-z]+(=\\S*)?\\s+)+");
    private static final Pattern HEREDOC = Pattern.compile("<<-?[\"']?[A-Za-z_]");
    /** {@code RUN <<EOF}: the heredoc's body, on the lines after the instruction, is the script. */
    private static final Pattern HEREDOC_SCRIPT =
            Pattern.compile("(?s)<<-?([\"']?)[A-Za-z_][A-Za-z0-9_]*\\1[ \t]*\n(.*)");
    private static final Pattern OTHER_INTERPRETER = Pattern.compile("#!(?!\\S*/(ba|da|a)?sh\\b).*");

    private RunScripts() {
    }

    /** The findings of the RUN instructions of a Dockerfile. */
    static List<Finding> check(String path, List<DockerInstruction> instructions) {
        List<Finding> findings = new ArrayList<>();
        for (EmbeddedScript script : scripts(instructions)) {
            for (ShellProblem problem : ShellScript.check(script.text())) {
                Rule rule = problem.type() == ShellProblem.Type.SYNTAX ? SHELL_SYNTAX : UNQUOTED_EXPANSION;
                findings.add(rule.at(path, script.firstLine() + problem.line() - 1, "RUN: " + problem.message()));
            }
        }
        return findings;
    }

    /** The shell-form RUN scripts of a Dockerfile that sh runs, in order, for real tools to check too. */
    static List<EmbeddedScript> scripts(String dockerfile) {
        return scripts(DockerfileParser.parse(dockerfile));
    }

    /** The shell-form RUN scripts that sh runs, in order. */
    static List<EmbeddedScript> scripts(List<DockerInstruction> instructions) {
        List<EmbeddedScript> scripts = new ArrayList<>();
        boolean posixShell = true;
        for (DockerInstruction instruction : instructions) {
            switch (instruction.keyword()) {
                case "FROM" -> posixShell = true;
                case "SHELL" -> posixShell = instruction.arguments().matches("(?s)\\s*\\[\\s*\"[^\"]*/(ba|da|a)?sh\".*");
                case "RUN" -> {
                    String script = FLAGS.matcher(instruction.arguments().strip()).replaceFirst("");
                    Matcher heredoc = HEREDOC_SCRIPT.matcher(script);
                    if (!posixShell || script.startsWith("[")) {
                        continue;
                    }
                    if (heredoc.matches()) {
                        if (!OTHER_INTERPRETER.matcher(heredoc.group(2)).lookingAt()) {
                            scripts.add(new EmbeddedScript(heredoc.group(2), instruction.line() + 1));
                        }
                    } else if (!HEREDOC.matcher(script).find()) {
                        scripts.add(new EmbeddedScript(script, instruction.line()));
                    }
                }
                default -> {
                }
            }
        }
        return scripts;
    }
}
