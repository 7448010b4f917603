package dev.omniarchitect.validation.document;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the brackets of a language's text pair up, outside its strings and comments: the
 * structural check for languages we have no parser for (Rego, PromQL) and the one hcl4j skips.
 *
 * @param lineComments  markers that start a comment running to the end of the line, e.g. {@code #}
 * @param blockComments whether C-style block comments are comments
 * @param quotes        the characters that open and close strings; a backslash escapes inside them and
 *                      they end with their line, except backquoted strings, which are raw and may span lines
 * @param heredocs      whether {@code <<EOT} / {@code <<-EOT} heredocs (Terraform) are text to skip
 */
public record Delimiters(List<String> lineComments, boolean blockComments, String quotes, boolean heredocs) {

    private static final String OPENING = "([{";
    private static final String CLOSING = ")]}";
    private static final Pattern HEREDOC = Pattern.compile("<<-?([A-Za-z_][A-Za-z0-9_]*)[ \\t]*(?:\\r?\\n|$)");

    /** A bracket or string that does not pair up, and the line to look at. */
    public record Problem(int line, String message) {
    }

    /** The first bracket or string that does not pair up, if any. */
    public Optional<Problem> firstProblem(String text) {
        return new Scan(text).run();
    }

    /** One pass over a text, keeping the line number and the brackets still open. */
    private final class Scan {

        private final String text;
        private final Deque<int[]> open = new ArrayDeque<>();
        private int position;
        private int line = 1;

        Scan(String text) {
            this.text = text;
        }

        Optional<Problem> run() {
            while (position < text.length()) {
                Optional<Problem> problem = step();
                if (problem.isPresent()) {
                    return problem;
                }
            }
            if (!open.isEmpty()) {
                int[] unclosed = open.peek();
                return problem(unclosed[1],
                        "'" + OPENING.charAt(unclosed[0]) + "' opened on line " + unclosed[1] + " is never closed");
            }
            return Optional.empty();
        }

        private Optional<Problem> step() {
            char c = text.charAt(position);
            if (blockComments && text.startsWith("/*", position)) {
                skipTo("*/");
                return Optional.empty();
            }
            if (lineComments.stream().anyMatch(marker -> text.startsWith(marker, position))) {
                int end = text.indexOf('\n', position);
                position = end < 0 ? text.length() : end;
                return Optional.empty();
            }
            if (quotes.indexOf(c) >= 0) {
                return string(c);
            }
            Matcher heredoc = HEREDOC.matcher(text).region(position, text.length());
            if (heredocs && heredoc.lookingAt()) {
                return skipHeredoc(heredoc.group(1));
            }
            advance();
            return bracket(c);
        }

        private Optional<Problem> string(char quote) {
            int startLine = line;
            advance();
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == quote) {
                    advance();
                    return Optional.empty();
                }
                if (c == '\n' && quote != '`') {
                    break;
                }
                if (c == '\\' && quote != '`') {
                    advance();
                }
                advance();
            }
            return problem(startLine, "string opened with " + quote + " on line " + startLine + " is not closed");
        }

        private Optional<Problem> skipHeredoc(String delimiter) {
            int startLine = line;
            int lineEnd = text.indexOf('\n', position);
            position = lineEnd < 0 ? text.length() : lineEnd;
            while (position < text.length()) {
                advance();
                int end = text.indexOf('\n', position);
                String content = text.substring(position, end < 0 ? text.length() : end);
                position = end < 0 ? text.length() : end;
                if (content.strip().equals(delimiter)) {
                    return Optional.empty();
                }
            }
            return problem(startLine, "heredoc <<" + delimiter + " opened on line " + startLine + " is never closed");
        }

        private void skipTo(String end) {
            int found = text.indexOf(end, position + 2);
            int stop = found < 0 ? text.length() : found + end.length();
            while (position < stop) {
                advance();
            }
        }

        private Optional<Problem> bracket(char c) {
            int opening = OPENING.indexOf(c);
            if (opening >= 0) {
                open.push(new int[] {opening, line});
                return Optional.empty();
            }
            int closing = CLOSING.indexOf(c);
            if (closing < 0) {
                return Optional.empty();
            }
            if (open.isEmpty()) {
                return problem(line, "'" + c + "' closes nothing");
            }
            int[] last = open.pop();
            if (last[0] != closing) {
                return problem(line, "'" + c + "' closes the '" + OPENING.charAt(last[0]) + "' opened on line " + last[1]);
            }
            return Optional.empty();
        }

        private void advance() {
            if (text.charAt(position) == '\n') {
                line++;
            }
            position++;
        }

        private Optional<Problem> problem(int at, String message) {
            return Optional.of(new Problem(at, message));
        }
    }
}
