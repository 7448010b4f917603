package dev.omniarchitect.kinds.githubactions;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.DocumentReader;
import dev.omniarchitect.validation.document.LocatedDocument;
import dev.omniarchitect.validation.document.LocatedNode;
import dev.omniarchitect.validation.document.SyntaxException;
import dev.omniarchitect.validation.shell.EmbeddedScript;
import dev.omniarchitect.validation.shell.ShellProblem;
import dev.omniarchitect.validation.shell.ShellScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code run:} scripts of a job's steps, parsed by the shell parser the Dockerfile kind uses for
 * {@code RUN}, as actionlint runs shellcheck on them: only scripts bash or sh runs (the step's
 * {@code shell}, else the job's or workflow's {@code defaults.run.shell}, else bash, except on Windows
 * runners), with each {@code ${{ }}} replaced by underscores of its length, as actionlint does.
 */
final class StepScripts {

    static final Rule SHELL_SYNTAX = Rule.error("github-actions/run-shell-syntax",
            "Fix the run: script's shell syntax (if ...; then ...; fi, quotes closed); check it with shellcheck.");
    static final Rule UNQUOTED_EXPANSION = Rule.warning("github-actions/run-unquoted-expansion",
            "Quote the expansion (\"$VAR\", >> \"$GITHUB_OUTPUT\") so its value is not split at spaces and globbed.");

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{.*?}}", Pattern.DOTALL);

    private StepScripts() {
    }

    /** The findings for the run: steps of one job. */
    static List<Finding> check(String path, LocatedNode workflow, LocatedNode job) {
        List<Finding> findings = new ArrayList<>();
        for (EmbeddedScript script : scripts(workflow, job)) {
            for (ShellProblem problem : ShellScript.check(script.text())) {
                Rule rule = problem.type() == ShellProblem.Type.SYNTAX ? SHELL_SYNTAX : UNQUOTED_EXPANSION;
                findings.add(rule.at(path, script.firstLine() + problem.line() - 1, "run: " + problem.message()));
            }
        }
        return findings;
    }

    /** The run: scripts of a workflow that bash or sh runs, for real tools to check too; none if it is not YAML. */
    static List<EmbeddedScript> scripts(String workflow) {
        List<EmbeddedScript> scripts = new ArrayList<>();
        try {
            for (LocatedDocument document : DocumentReader.yaml(workflow)) {
                for (var job : document.root().get("jobs").fields()) {
                    scripts.addAll(scripts(document.root(), job.getValue()));
                }
            }
        } catch (SyntaxException e) {
            return List.of();
        }
        return scripts;
    }

    /** The run: scripts of a job's steps that bash or sh runs, expressions replaced. */
    static List<EmbeddedScript> scripts(LocatedNode workflow, LocatedNode job) {
        List<EmbeddedScript> scripts = new ArrayList<>();
        String jobShell = shell(job.at("defaults", "run", "shell"), shell(workflow.at("defaults", "run", "shell"), null));
        String runsOn = String.valueOf(job.get("runs-on").node()).toLowerCase(Locale.ROOT);
        for (LocatedNode step : job.get("steps").elements()) {
            LocatedNode run = step.get("run");
            String shell = shell(step.get("shell"), jobShell);
            boolean posix = shell == null ? !runsOn.contains("windows") : shell.matches("(bash|sh)\\b.*");
            if (run.hasText() && posix) {
                // A block scalar (run: |) starts on the line after its key.
                scripts.add(new EmbeddedScript(placeholders(run.text()), run.line() + (run.text().contains("\n") ? 1 : 0)));
            }
        }
        return scripts;
    }

    private static String shell(LocatedNode setting, String otherwise) {
        String text = setting.text();
        return text == null ? otherwise : text.strip().toLowerCase(Locale.ROOT);
    }

    private static String placeholders(String script) {
        Matcher expression = EXPRESSION.matcher(script);
        StringBuilder replaced = new StringBuilder();
        while (expression.find()) {
            expression.appendReplacement(replaced, expression.group().replaceAll("[^\n]", "_"));
        }
        expression.appendTail(replaced);
        return replaced.toString();
    }
}
