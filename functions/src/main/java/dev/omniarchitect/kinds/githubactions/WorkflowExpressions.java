package dev.omniarchitect.kinds.githubactions;

import dev.omniarchitect.validation.Finding;
import dev.omniarchitect.validation.Rule;
import dev.omniarchitect.validation.document.FieldNames;
import dev.omniarchitect.validation.document.LocatedNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses every {@code ${{ }}} expression of a workflow, and every {@code if:} condition, by GitHub's
 * expression grammar, as actionlint does: the syntax (an unclosed {@code fromJSON(}), the functions, the
 * contexts, and the names that must exist in the job: {@code matrix.<key>} of its strategy,
 * {@code steps.<id>} of an earlier step, {@code needs.<job>} of its needs.
 */
final class WorkflowExpressions {

    static final Rule EXPRESSION_SYNTAX = Rule.error("github-actions/expression-syntax",
            "Fix the ${{ }} expression: close every ( and ', use the functions GitHub provides (contains, format, ...).");
    static final Rule UNKNOWN_CONTEXT = Rule.error("github-actions/unknown-context",
            "Use a context GitHub provides: github, env, vars, job, jobs, steps, runner, secrets, strategy, matrix, "
                    + "needs, inputs.");
    static final Rule UNDEFINED_MATRIX_KEY = Rule.error("github-actions/undefined-matrix-key",
            "Refer only to keys of the job's strategy.matrix (or of its include entries).");
    static final Rule UNDEFINED_STEP = Rule.error("github-actions/undefined-step",
            "Refer only to the id of a step that comes earlier in the same job.");
    static final Rule UNDEFINED_NEED = Rule.error("github-actions/undefined-need",
            "Refer only to jobs listed in the job's needs.");

    private static final Set<String> CONTEXTS = Set.of("github", "env", "vars", "job", "jobs", "steps", "runner",
            "secrets", "strategy", "matrix", "needs", "inputs");
    private static final Set<String> FUNCTIONS = Set.of("contains", "startswith", "endswith", "format", "join",
            "tojson", "fromjson", "hashfiles", "success", "always", "cancelled", "failure", "case");
    private static final Set<String> LITERALS = Set.of("true", "false", "null", "nan", "infinity");

    /** What an expression may refer to where it is; a null set means the names are not checked there. */
    private record Scope(Set<String> matrix, boolean hasMatrix, Set<String> steps, Set<String> needs) {
        static final Scope WORKFLOW = new Scope(null, true, null, null);
    }

    private final String path;
    private final List<Finding> findings = new ArrayList<>();

    private WorkflowExpressions(String path) {
        this.path = path;
    }

    /** The findings for every expression of a workflow. */
    static List<Finding> check(String path, LocatedNode workflow) {
        WorkflowExpressions check = new WorkflowExpressions(path);
        for (var field : workflow.fields()) {
            if (!field.getKey().equals("jobs")) {
                check.walk(field.getValue(), Scope.WORKFLOW, false);
            }
        }
        for (var job : workflow.get("jobs").fields()) {
            check.job(job.getValue());
        }
        return check.findings;
    }

    private void job(LocatedNode job) {
        LocatedNode matrix = job.at("strategy", "matrix");
        Set<String> keys = matrix.isObject() ? new HashSet<>() : null;
        if (keys != null) {
            for (var entry : matrix.fields()) {
                if (entry.getKey().equals("include")) {
                    entry.getValue().elements().forEach(include -> keys.addAll(include.fieldNames()));
                } else if (!entry.getKey().equals("exclude")) {
                    keys.add(entry.getKey());
                }
            }
        }
        // A matrix built by an expression (fromJSON(...)) has keys known only at run time.
        boolean dynamic = matrix.text() != null || (keys != null && matrix.fields().stream()
                .anyMatch(entry -> entry.getValue().text() != null && entry.getValue().text().contains("${{")));
        Set<String> needs = new HashSet<>();
        LocatedNode needed = job.get("needs");
        (needed.isArray() ? needed.elements() : List.of(needed)).forEach(need -> {
            if (need.scalarText() != null) {
                needs.add(need.scalarText());
            }
        });
        Set<String> allSteps = new HashSet<>();
        job.get("steps").elements().forEach(step -> {
            if (step.get("id").scalarText() != null) {
                allSteps.add(step.get("id").scalarText());
            }
        });
        Set<String> matrixKeys = dynamic ? null : keys;
        boolean hasMatrix = dynamic || keys != null;
        for (var field : job.fields()) {
            if (!field.getKey().equals("steps")) {
                walk(field.getValue(), new Scope(matrixKeys, hasMatrix, allSteps, needs), field.getKey().equals("if"));
            }
        }
        Set<String> earlier = new HashSet<>();
        for (LocatedNode step : job.get("steps").elements()) {
            Scope scope = new Scope(matrixKeys, hasMatrix, Set.copyOf(earlier), needs);
            for (var field : step.fields()) {
                walk(field.getValue(), scope, field.getKey().equals("if"));
            }
            if (step.get("id").scalarText() != null) {
                earlier.add(step.get("id").scalarText());
            }
        }
    }

    private void walk(LocatedNode node, Scope scope, boolean condition) {
        String text = node.text();
        if (text != null) {
            if (condition && !text.contains("${{")) {
                expression(text, node.line(), scope);
            } else {
                embedded(text, node, scope);
            }
            return;
        }
        node.fields().forEach(field -> walk(field.getValue(), scope, false));
        node.elements().forEach(element -> walk(element, scope, false));
    }

    /** Every ${{ }} in a string; a block scalar's text starts on the line after its key. */
    private void embedded(String text, LocatedNode node, Scope scope) {
        int from = 0;
        while (true) {
            int start = text.indexOf("${{", from);
            if (start < 0) {
                return;
            }
            int line = node.line() + (text.contains("\n") ? 1 + newlines(text, start) : 0);
            int end = text.indexOf("}}", start + 3);
            if (end < 0) {
                findings.add(EXPRESSION_SYNTAX.at(path, line, "${{ is never closed with }}"));
                return;
            }
            expression(text.substring(start + 3, end), line, scope);
            from = end + 2;
        }
    }

    private static int newlines(String text, int before) {
        return (int) text.substring(0, before).chars().filter(c -> c == '\n').count();
    }

    private void expression(String expression, Integer line, Scope scope) {
        try {
            new ExpressionParser(expression, scope).parse();
        } catch (ExpressionParser.Problem problem) {
            findings.add(problem.rule.at(path, line, problem.getMessage()));
        }
    }

    /** A recursive-descent parser of one expression; throws the first problem. */
    private static final class ExpressionParser {

        static final class Problem extends Exception {
            final Rule rule;

            Problem(Rule rule, String message) {
                super(message, null, false, false);
                this.rule = rule;
            }
        }

        private final String text;
        private final Scope scope;
        private int position;

        ExpressionParser(String text, Scope scope) {
            this.text = text;
            this.scope = scope;
        }

        void parse() throws Problem {
            skipSpaces();
            if (position >= text.length()) {
                throw syntax("the expression ${{ }} is empty");
            }
            or();
            skipSpaces();
            if (position < text.length()) {
                throw syntax("unexpected \"" + text.substring(position).strip() + "\" in " + quoted());
            }
        }

        private void or() throws Problem {
            and();
            while (accept("||")) {
                and();
            }
        }

        private void and() throws Problem {
            comparison();
            while (accept("&&")) {
                comparison();
            }
        }

        private void comparison() throws Problem {
            unary();
            while (accept("==") || accept("!=") || accept("<=") || accept(">=") || accept("<") || accept(">")) {
                unary();
            }
        }

        private void unary() throws Problem {
            if (accept("!")) {
                unary();
                return;
            }
            postfix();
        }

        private void postfix() throws Problem {
            List<String> reference = primary();
            while (true) {
                if (accept(".")) {
                    skipSpaces();
                    if (accept("*")) {
                        reference = null;
                        continue;
                    }
                    String name = identifier();
                    if (name == null) {
                        throw syntax("a property name must follow '.' in " + quoted());
                    }
                    if (reference != null) {
                        reference.add(name);
                    }
                } else if (accept("[")) {
                    skipSpaces();
                    String literal = peekString();
                    if (accept("*")) {
                        reference = null;
                    } else {
                        or();
                        if (reference != null) {
                            if (literal != null) {
                                reference.add(literal);
                            } else {
                                check(reference);
                                reference = null;
                            }
                        }
                    }
                    expect("]", "[");
                } else {
                    break;
                }
            }
            if (reference != null) {
                check(reference);
            }
        }

        /** A literal, a parenthesised expression, a function call or a context; a context returns its path. */
        private List<String> primary() throws Problem {
            skipSpaces();
            if (position >= text.length()) {
                throw syntax("the expression ends where a value belongs: " + quoted());
            }
            char c = text.charAt(position);
            if (c == '(') {
                position++;
                or();
                expect(")", "(");
                return null;
            }
            if (c == '\'') {
                string();
                return null;
            }
            if (Character.isDigit(c) || c == '-' || c == '+') {
                position++;
                while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                        || text.charAt(position) == '.')) {
                    position++;
                }
                return null;
            }
            String name = identifier();
            if (name == null) {
                throw syntax("unexpected '" + c + "' in " + quoted());
            }
            String lower = name.toLowerCase(Locale.ROOT);
            skipSpaces();
            if (position < text.length() && text.charAt(position) == '(') {
                if (!FUNCTIONS.contains(lower)) {
                    throw syntax("unknown function " + name + "(); GitHub provides contains, startsWith, endsWith, "
                            + "format, join, toJSON, fromJSON, hashFiles, success, always, cancelled, failure, case");
                }
                position++;
                skipSpaces();
                if (!accept(")")) {
                    or();
                    while (accept(",")) {
                        or();
                    }
                    if (!accept(")")) {
                        throw syntax("the call " + name + "( is not closed with ) in " + quoted());
                    }
                }
                return null;
            }
            if (LITERALS.contains(lower)) {
                return null;
            }
            if (!CONTEXTS.contains(lower)) {
                throw new Problem(UNKNOWN_CONTEXT, "unknown context \"" + name + "\" in " + quoted()
                        + FieldNames.suggestion(lower, CONTEXTS));
            }
            List<String> reference = new ArrayList<>();
            reference.add(lower);
            return reference;
        }

        private void check(List<String> reference) throws Problem {
            if (reference.size() < 2) {
                return;
            }
            String name = reference.get(1);
            switch (reference.get(0)) {
                case "matrix" -> {
                    if (!scope.hasMatrix()) {
                        throw new Problem(UNDEFINED_MATRIX_KEY, "matrix." + name + " is used but the job has no "
                                + "strategy.matrix");
                    }
                    if (scope.matrix() != null && !scope.matrix().contains(name)) {
                        throw new Problem(UNDEFINED_MATRIX_KEY, "matrix." + name + " is not a key of the job's matrix "
                                + scope.matrix().stream().sorted().toList() + FieldNames.suggestion(name, scope.matrix()));
                    }
                }
                case "steps" -> {
                    if (scope.steps() != null && !scope.steps().contains(name)) {
                        throw new Problem(UNDEFINED_STEP, "steps." + name + " is not the id of an earlier step of the job"
                                + (scope.steps().isEmpty() ? "" : " " + scope.steps().stream().sorted().toList()));
                    }
                }
                case "needs" -> {
                    if (scope.needs() != null && !scope.needs().contains(name)) {
                        throw new Problem(UNDEFINED_NEED, "needs." + name + " is not a job this job needs "
                                + scope.needs().stream().sorted().toList());
                    }
                }
                default -> {
                }
            }
        }

        private String peekString() {
            if (position < text.length() && text.charAt(position) == '\'') {
                int end = text.indexOf('\'', position + 1);
                if (end > 0 && (end + 1 >= text.length() || text.charAt(end + 1) != '\'')) {
                    String after = text.substring(end + 1).stripLeading();
                    if (after.startsWith("]")) {
                        return text.substring(position + 1, end);
                    }
                }
            }
            return null;
        }

        private void string() throws Problem {
            int start = position;
            position++;
            while (position < text.length()) {
                if (text.charAt(position) == '\'') {
                    if (position + 1 < text.length() && text.charAt(position + 1) == '\'') {
                        position += 2;
                        continue;
                    }
                    position++;
                    return;
                }
                position++;
            }
            position = start;
            throw syntax("the string opened with ' is not closed in " + quoted());
        }

        private String identifier() {
            skipSpaces();
            int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                    || text.charAt(position) == '_' || (position > start && text.charAt(position) == '-'))) {
                position++;
            }
            if (position == start || Character.isDigit(text.charAt(start))) {
                position = start;
                return null;
            }
            return text.substring(start, position);
        }

        private boolean accept(String token) {
            skipSpaces();
            if (text.startsWith(token, position)) {
                // "=" alone, or "<" of "<=", must not be taken for another token.
                if ((token.equals("<") || token.equals(">") || token.equals("!")) && text.startsWith("=", position + 1)) {
                    return false;
                }
                position += token.length();
                return true;
            }
            return false;
        }

        private void expect(String token, String opener) throws Problem {
            if (!accept(token)) {
                throw syntax("the " + opener + " is not closed with " + token + " in " + quoted());
            }
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private String quoted() {
            return "${{ " + text.strip() + " }}";
        }

        private Problem syntax(String message) {
            return new Problem(EXPRESSION_SYNTAX, message);
        }
    }
}
