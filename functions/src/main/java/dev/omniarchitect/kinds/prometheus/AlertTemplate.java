package dev.omniarchitect.kinds.prometheus;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an alert's label or annotation value as the Go template Prometheus expands it with, as
 * {@code promtool check rules} does: every action closed, quotes and parentheses paired, {@code if},
 * {@code range}, {@code with} closed by {@code end}, only the variables Prometheus defines
 * ({@code $labels}, {@code $value}, {@code $externalLabels}, {@code $externalURL}) or the template
 * declares, and only functions Go templates or Prometheus provide.
 */
final class AlertTemplate {

    /** The first problem of a template and its 1-based line in the value. */
    record Problem(int line, String message) {
    }

    private static final Set<String> FUNCTIONS = Set.of(
            // Go text/template
            "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println",
            "urlquery", "eq", "ge", "gt", "le", "lt", "ne",
            // Prometheus
            "query", "first", "label", "value", "strvalue", "args", "reReplaceAll", "safeHtml", "match", "title",
            "toUpper", "toLower", "graphLink", "tableLink", "sortByLabel", "humanize", "humanize1024",
            "humanizeDuration", "humanizePercentage", "humanizeTimestamp", "toTime", "toDuration", "pathPrefix",
            "externalURL", "parseDuration", "stripPort", "stripDomain", "now", "urlQueryEscape");
    private static final Set<String> OPENERS = Set.of("if", "range", "with", "define", "block");
    private static final Set<String> LITERALS = Set.of("true", "false", "nil");
    private static final Pattern ACTION_WORD = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|`[^`]*`|'(\\\\.|[^'\\\\])*'"
            + "|\\$[A-Za-z0-9_]*|\\.?[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*|:=|[()|=,]|[-+]?[0-9][0-9.eExX_+-]*"
            + "|\\.|\\S");

    private AlertTemplate() {
    }

    /** The first problem of a template value, if any. */
    static Optional<Problem> problem(String text) {
        Set<String> variables = new HashSet<>(Set.of("$", "$labels", "$value", "$externalLabels", "$externalURL"));
        Deque<String[]> open = new ArrayDeque<>();
        int position = 0;
        while (true) {
            int start = text.indexOf("{{", position);
            if (start < 0) {
                break;
            }
            int line = lineOf(text, start);
            int end = closing(text, start + 2);
            if (end < 0) {
                return Optional.of(new Problem(line, "the action {{ opened on line " + line + " is never closed with }}"));
            }
            String action = text.substring(start + 2, end).replaceFirst("^-\\s", "").replaceFirst("\\s-$", "").strip();
            position = end + 2;
            if (action.startsWith("/*")) {
                if (!action.endsWith("*/")) {
                    return Optional.of(new Problem(line, "the comment {{/* on line " + line + " is not closed with */}}"));
                }
                continue;
            }
            Optional<String> problem = action(action, variables, open, line);
            if (problem.isPresent()) {
                return Optional.of(new Problem(line, problem.get()));
            }
        }
        if (!open.isEmpty()) {
            String[] unclosed = open.peek();
            return Optional.of(new Problem(Integer.parseInt(unclosed[1]), "{{" + unclosed[0] + "}} opened on line "
                    + unclosed[1] + " has no {{end}}"));
        }
        return Optional.empty();
    }

    /** Where the action ends: the first }} outside a quoted string, or -1. */
    private static int closing(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                } else if (c == '\n' && quote != '`') {
                    return -1;
                }
            } else if (c == '"' || c == '`' || c == '\'') {
                quote = c;
            } else if (text.startsWith("}}", i)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> action(String action, Set<String> variables, Deque<String[]> open, int line) {
        if (action.isEmpty()) {
            return Optional.of("the action {{ }} on line " + line + " is empty");
        }
        String keyword = action.split("[\\s(]", 2)[0];
        String rest = action.substring(keyword.length()).strip();
        switch (keyword) {
            case "end" -> {
                if (open.isEmpty()) {
                    return Optional.of("{{end}} on line " + line + " closes nothing");
                }
                open.pop();
                return rest.isEmpty() ? Optional.empty() : Optional.of("{{end}} takes nothing, got " + rest);
            }
            case "else" -> {
                if (open.isEmpty() || open.peek()[0].equals("define")) {
                    return Optional.of("{{else}} on line " + line + " is outside an if, range or with");
                }
                return rest.isEmpty() ? Optional.empty() : pipeline(rest.replaceFirst("^(if|with)\\s+", ""), variables);
            }
            case "break", "continue" -> {
                return Optional.empty();
            }
            case "template" -> {
                return pipeline(rest.replaceFirst("^(\"[^\"]*\"|`[^`]*`)", ""), variables, true);
            }
            default -> {
            }
        }
        if (OPENERS.contains(keyword)) {
            open.push(new String[] {keyword, String.valueOf(line)});
            if (keyword.equals("define") || keyword.equals("block")) {
                return Optional.empty();
            }
            if (rest.isEmpty()) {
                return Optional.of("{{" + keyword + "}} on line " + line + " has no condition");
            }
            return pipeline(rest, variables);
        }
        return pipeline(action, variables);
    }

    private static Optional<String> pipeline(String pipeline, Set<String> variables) {
        return pipeline(pipeline, variables, false);
    }

    /** A pipeline, possibly declaring variables ($x := ..., or $i, $v := range ...). */
    private static Optional<String> pipeline(String pipeline, Set<String> variables, boolean mayBeEmpty) {
        Matcher declaration = Pattern.compile("^(\\$[A-Za-z0-9_]+)\\s*(,\\s*(\\$[A-Za-z0-9_]+)\\s*)?:?=").matcher(pipeline);
        String body = pipeline;
        if (declaration.find()) {
            variables.add(declaration.group(1));
            if (declaration.group(3) != null) {
                variables.add(declaration.group(3));
            }
            body = pipeline.substring(declaration.end());
        }
        int depth = 0;
        boolean expectOperand = true;
        Matcher word = ACTION_WORD.matcher(body);
        boolean any = false;
        while (word.find()) {
            String token = word.group();
            any = true;
            if (token.equals("(")) {
                depth++;
                expectOperand = true;
                continue;
            }
            if (token.equals(")")) {
                if (--depth < 0) {
                    return Optional.of("')' closes nothing in " + body.strip());
                }
                continue;
            }
            if (token.equals("|")) {
                if (expectOperand) {
                    return Optional.of("'|' has no command before it in " + body.strip());
                }
                expectOperand = true;
                continue;
            }
            if (token.startsWith("\"") && (token.length() < 2 || !token.endsWith("\""))
                    || token.equals("\"") || token.equals("`")) {
                return Optional.of("a string is not closed in " + body.strip());
            }
            if (token.startsWith("$")) {
                String name = token.contains(".") ? token.substring(0, token.indexOf('.')) : token;
                if (!variables.contains(name)) {
                    return Optional.of("undefined variable " + name + "; Prometheus defines $labels, $value, "
                            + "$externalLabels and $externalURL");
                }
            } else if (Character.isLetter(token.charAt(0)) && !LITERALS.contains(token)) {
                if (!FUNCTIONS.contains(token)) {
                    return Optional.of("function \"" + token + "\" is not defined");
                }
            }
            expectOperand = false;
        }
        if (depth > 0) {
            return Optional.of("'(' is not closed in " + body.strip());
        }
        if (!any && !mayBeEmpty) {
            return Optional.of("missing value in " + pipeline.strip());
        }
        if (expectOperand && any && body.strip().endsWith("|")) {
            return Optional.of("'|' has no command after it in " + body.strip());
        }
        return Optional.empty();
    }

    private static int lineOf(String text, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
