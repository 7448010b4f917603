package dev.omniarchitect.validation.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PromQL parser, shared by the Prometheus rules and Grafana dashboard kinds: the grammar of
 * Prometheus's own parser (selectors and matchers, ranges and subqueries, offset and {@code @}, binary
 * operators with their precedence, {@code bool}, vector matching, aggregations with {@code by} and
 * {@code without}, function calls) and the value types it checks ({@code rate} takes a range vector,
 * aggregations and binary operators take instant vectors or scalars). No Java library on Maven Central
 * parses PromQL, so this one is ours; where promtool is installed, a test asserts both agree.
 */
public final class PromQl {

    /** The first problem of an expression and its 1-based line. */
    public record Problem(int line, String message) {
    }

    private enum Type { SCALAR, STRING, VECTOR, MATRIX }

    private enum TokenKind { IDENTIFIER, NUMBER, DURATION, STRING, OPERATOR, END }

    private record Token(TokenKind kind, String text, int line) {
        boolean is(String operator) {
            return kind == TokenKind.OPERATOR && text.equals(operator);
        }

        boolean isKeyword(String keyword) {
            return kind == TokenKind.IDENTIFIER && text.equalsIgnoreCase(keyword);
        }
    }

    private static final class ParseError extends Exception {
        final int line;

        ParseError(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "count", "min", "max", "group", "stddev",
            "stdvar", "topk", "bottomk", "count_values", "quantile", "limitk", "limit_ratio");
    private static final Set<String> AGGREGATIONS_WITH_PARAMETER = Set.of("topk", "bottomk", "count_values",
            "quantile", "limitk", "limit_ratio");
    /** Every function and whether it takes a range vector. */
    private static final Map<String, Boolean> FUNCTIONS = functions();
    private static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "=~", "!~", "+", "-", "*", "/", "%",
            "^", "<", ">", "=", "(", ")", "{", "}", "[", "]", ",", ":", "@");
    private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final Pattern NUMBER = Pattern.compile(
            "0[xX][0-9a-fA-F]+|([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<=", ">=", "<", ">");
    private static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless");

    private final List<Token> tokens;
    private int index;
    /** Whether the value just parsed is a plain vector selector, the only thing a range [5m] applies to. */
    private boolean lastWasSelector;

    private PromQl(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The first problem of an expression, if it does not parse or its types do not fit. */
    public static Optional<Problem> problem(String expression) {
        try {
            PromQl parser = new PromQl(tokenize(expression));
            if (parser.peek().kind() == TokenKind.END) {
                return Optional.of(new Problem(1, "the expression is empty"));
            }
            parser.expression(0);
            Token rest = parser.peek();
            if (rest.kind() != TokenKind.END) {
                throw new ParseError(rest.line(), "unexpected " + describe(rest) + " after a complete expression");
            }
            return Optional.empty();
        } catch (ParseError e) {
            return Optional.of(new Problem(e.line, e.getMessage()));
        }
    }

    private static Map<String, Boolean> functions() {
        Map<String, Boolean> functions = new java.util.HashMap<>();
        for (String name : List.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "clamp",
                "clamp_max", "clamp_min", "cos", "cosh", "days_in_month", "day_of_month", "day_of_week", "day_of_year",
                "deg", "exp", "floor", "histogram_avg", "histogram_count", "histogram_fraction", "histogram_quantile",
                "histogram_stddev", "histogram_stdvar", "histogram_sum", "hour", "info", "label_join", "label_replace",
                "ln", "log10", "log2", "minute", "month", "pi", "rad", "round", "scalar", "sgn", "sin", "sinh", "sort",
                "sort_desc", "sort_by_label", "sort_by_label_desc", "sqrt", "tan", "tanh", "time", "timestamp",
                "vector", "year")) {
            functions.put(name, false);
        }
        for (String name : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv",
                "double_exponential_smoothing", "holt_winters", "idelta", "increase", "irate", "last_over_time",
                "mad_over_time", "max_over_time", "min_over_time", "predict_linear", "present_over_time",
                "quantile_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time",
                "ts_of_max_over_time", "ts_of_min_over_time", "ts_of_last_over_time", "first_over_time")) {
            functions.put(name, true);
        }
        return Map.copyOf(functions);
    }

    // Precedence, lowest first: or; and unless; comparisons; + -; * / % atan2; ^ (right-associative).
    private static int precedence(Token token) {
        if (token.kind() == TokenKind.IDENTIFIER) {
            return switch (token.text().toLowerCase(Locale.ROOT)) {
                case "or" -> 1;
                case "and", "unless" -> 2;
                case "atan2" -> 5;
                default -> 0;
            };
        }
        if (token.kind() != TokenKind.OPERATOR) {
            return 0;
        }
        return switch (token.text()) {
            case "==", "!=", "<=", ">=", "<", ">" -> 3;
            case "+", "-" -> 4;
            case "*", "/", "%" -> 5;
            case "^" -> 6;
            default -> 0;
        };
    }

    private Type expression(int minimum) throws ParseError {
        Type left = unary();
        while (true) {
            Token operator = peek();
            int precedence = precedence(operator);
            if (precedence == 0 || precedence < minimum) {
                return left;
            }
            index++;
            String name = operator.text().toLowerCase(Locale.ROOT);
            boolean bool = false;
            if (peek().isKeyword("bool")) {
                if (!COMPARISONS.contains(name)) {
                    throw new ParseError(peek().line(), "bool applies only to comparison operators, not " + name);
                }
                index++;
                bool = true;
            }
            boolean matching = vectorMatching();
            Type right = expression(name.equals("^") ? precedence : precedence + 1);
            left = binaryResult(operator, name, left, right, bool, matching);
        }
    }

    private Type binaryResult(Token operator, String name, Type left, Type right, boolean bool, boolean matching)
            throws ParseError {
        for (Type side : List.of(left, right)) {
            if (side == Type.MATRIX || side == Type.STRING) {
                throw new ParseError(operator.line(), "binary operator " + name + " needs instant vectors or scalars, "
                        + "got a " + (side == Type.MATRIX ? "range vector" : "string"));
            }
        }
        if (SET_OPERATORS.contains(name) && (left != Type.VECTOR || right != Type.VECTOR)) {
            throw new ParseError(operator.line(), "set operator " + name + " needs instant vectors on both sides");
        }
        if (COMPARISONS.contains(name) && left == Type.SCALAR && right == Type.SCALAR && !bool) {
            throw new ParseError(operator.line(), "comparisons between scalars must use the bool modifier");
        }
        if (matching && (left != Type.VECTOR || right != Type.VECTOR)) {
            throw new ParseError(operator.line(), "vector matching (on, ignoring, group_left, group_right) needs "
                    + "instant vectors on both sides of " + name);
        }
        return left == Type.VECTOR || right == Type.VECTOR ? Type.VECTOR : Type.SCALAR;
    }

    private boolean vectorMatching() throws ParseError {
        boolean matching = false;
        if (peek().isKeyword("on") || peek().isKeyword("ignoring")) {
            index++;
            labelList("on/ignoring");
            matching = true;
        }
        if (peek().isKeyword("group_left") || peek().isKeyword("group_right")) {
            index++;
            if (peek().is("(")) {
                labelList("group_left/group_right");
            }
            matching = true;
        }
        return matching;
    }

    private Type unary() throws ParseError {
        Token token = peek();
        if (token.is("-") || token.is("+")) {
            index++;
            Type operand = expression(6);
            if (operand != Type.SCALAR && operand != Type.VECTOR) {
                throw new ParseError(token.line(), "unary " + token.text() + " needs a scalar or an instant vector");
            }
            return operand;
        }
        return postfix(primary());
    }

    private Type postfix(Type type) throws ParseError {
        Type current = type;
        boolean selector = lastWasSelector;
        while (true) {
            Token token = peek();
            if (token.is("[")) {
                current = range(current, token);
                selector = true;
            } else if (token.isKeyword("offset")) {
                index++;
                if (peek().is("-")) {
                    index++;
                }
                duration("offset");
                requireSelector(selector, token, "offset");
            } else if (token.is("@")) {
                index++;
                Token at = next();
                if (at.isKeyword("start") || at.isKeyword("end")) {
                    expect("(", "after " + at.text());
                    expect(")", "after " + at.text() + "(");
                } else if (at.kind() != TokenKind.NUMBER) {
                    throw new ParseError(at.line(), "@ needs a Unix timestamp, start() or end(), got " + describe(at));
                }
                requireSelector(selector, token, "@");
            } else {
                return current;
            }
        }
    }

    private void requireSelector(boolean selector, Token token, String modifier) throws ParseError {
        if (!selector) {
            throw new ParseError(token.line(), modifier + " applies to selectors and subqueries only");
        }
    }

    private Type range(Type type, Token open) throws ParseError {
        index++;
        duration("range");
        if (peek().is(":")) {
            index++;
            if (peek().kind() == TokenKind.DURATION) {
                index++;
            }
            expect("]", "to close the subquery opened", open);
            if (type != Type.VECTOR) {
                throw new ParseError(open.line(), "a subquery needs an instant vector expression");
            }
            return Type.MATRIX;
        }
        expect("]", "to close the range opened", open);
        if (type != Type.VECTOR || !lastWasSelector) {
            throw new ParseError(open.line(), "a range [..] applies only to a vector selector such as metric{...}; "
                    + "use a subquery [range:step] for expressions");
        }
        return Type.MATRIX;
    }

    private Type primary() throws ParseError {
        lastWasSelector = false;
        Token token = next();
        switch (token.kind()) {
            case NUMBER -> {
                return Type.SCALAR;
            }
            case STRING -> {
                return Type.STRING;
            }
            case DURATION -> throw new ParseError(token.line(), "unexpected duration " + token.text()
                    + " where a value belongs");
            case END -> throw new ParseError(token.line(), "the expression ends where a value belongs");
            default -> {
            }
        }
        if (token.is("(")) {
            Type inner = expression(0);
            expect(")", "to close the parenthesis opened", token);
            lastWasSelector = false;
            return inner;
        }
        if (token.is("{")) {
            matchers(token);
            lastWasSelector = true;
            return Type.VECTOR;
        }
        if (token.kind() != TokenKind.IDENTIFIER) {
            throw new ParseError(token.line(), "unexpected " + describe(token) + " where a value belongs");
        }
        String name = token.text();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
            return Type.SCALAR;
        }
        if (AGGREGATIONS.contains(lower) && (peek().is("(") || peek().isKeyword("by") || peek().isKeyword("without"))) {
            return aggregation(token, lower);
        }
        if (peek().is("(")) {
            return call(token);
        }
        if (peek().is("{")) {
            matchers(next());
        }
        lastWasSelector = true;
        return Type.VECTOR;
    }

    private Type aggregation(Token token, String name) throws ParseError {
        boolean grouping = grouping();
        Token open = peek();
        expect("(", "after " + name);
        if (AGGREGATIONS_WITH_PARAMETER.contains(name)) {
            expression(0);
            expect(",", "after the parameter of " + name);
        }
        Type argument = expression(0);
        if (argument != Type.VECTOR) {
            throw new ParseError(token.line(), name + " aggregates an instant vector, got a " + typeName(argument));
        }
        expect(")", "to close " + name + "(", open);
        if (!grouping) {
            grouping();
        }
        lastWasSelector = false;
        return Type.VECTOR;
    }

    private boolean grouping() throws ParseError {
        if (peek().isKeyword("by") || peek().isKeyword("without")) {
            index++;
            labelList("by/without");
            return true;
        }
        return false;
    }

    private Type call(Token token) throws ParseError {
        String name = token.text();
        Boolean rangeFirst = FUNCTIONS.get(name);
        if (rangeFirst == null) {
            throw new ParseError(token.line(), "unknown function " + name + "()");
        }
        Token open = peek();
        expect("(", "after " + name);
        List<Type> arguments = new ArrayList<>();
        if (!peek().is(")")) {
            arguments.add(expression(0));
            while (peek().is(",")) {
                index++;
                arguments.add(expression(0));
            }
        }
        expect(")", "to close " + name + "(", open);
        if (rangeFirst && !arguments.contains(Type.MATRIX)) {
            throw new ParseError(token.line(), name + "() takes a range vector such as metric[5m], got "
                    + (arguments.isEmpty() ? "no argument" : arguments.stream().map(PromQl::typeName).toList()));
        }
        if (!rangeFirst && arguments.stream().anyMatch(type -> type == Type.MATRIX)
                && !name.equals("absent")) {
            throw new ParseError(token.line(), name + "() does not take a range vector");
        }
        lastWasSelector = false;
        return switch (name) {
            case "pi", "time", "scalar" -> Type.SCALAR;
            default -> Type.VECTOR;
        };
    }

    private void matchers(Token open) throws ParseError {
        while (!peek().is("}")) {
            Token label = next();
            if (label.kind() != TokenKind.IDENTIFIER && label.kind() != TokenKind.STRING) {
                throw new ParseError(label.line(), "expected a label name in the selector, got " + describe(label));
            }
            if (label.kind() == TokenKind.STRING && (peek().is(",") || peek().is("}"))) {
                // Prometheus 3: a quoted metric name inside the braces.
            } else {
                Token operator = next();
                if (!Set.of("=", "!=", "=~", "!~").contains(operator.text()) || operator.kind() != TokenKind.OPERATOR) {
                    throw new ParseError(operator.line(), "expected =, !=, =~ or !~ after label " + label.text()
                            + ", got " + describe(operator));
                }
                Token value = next();
                if (value.kind() != TokenKind.STRING) {
                    throw new ParseError(value.line(), "label " + label.text() + " must be matched against a quoted "
                            + "string, got " + describe(value));
                }
            }
            if (peek().is(",")) {
                index++;
            } else if (!peek().is("}")) {
                throw new ParseError(peek().line(), "expected , or } in the selector opened on line " + open.line()
                        + ", got " + describe(peek()));
            }
        }
        index++;
    }

    private void labelList(String clause) throws ParseError {
        expect("(", "after " + clause);
        while (!peek().is(")")) {
            Token label = next();
            if (label.kind() != TokenKind.IDENTIFIER && label.kind() != TokenKind.STRING) {
                throw new ParseError(label.line(), "expected a label name in the " + clause + " list, got "
                        + describe(label));
            }
            if (peek().is(",")) {
                index++;
            } else if (!peek().is(")")) {
                throw new ParseError(peek().line(), "expected , or ) in the " + clause + " list, got " + describe(peek()));
            }
        }
        index++;
    }

    private void duration(String what) throws ParseError {
        Token token = next();
        if (token.kind() != TokenKind.DURATION) {
            throw new ParseError(token.line(), "the " + what + " needs a duration such as 5m, got " + describe(token));
        }
    }

    private void expect(String operator, String context) throws ParseError {
        expect(operator, context, null);
    }

    /** Expects a closing operator; at the end of the expression the problem is where its opener is. */
    private void expect(String operator, String context, Token opener) throws ParseError {
        Token token = next();
        if (!token.is(operator)) {
            boolean unclosed = opener != null && token.kind() == TokenKind.END;
            throw new ParseError(unclosed ? opener.line() : token.line(), "expected " + operator + " " + context
                    + (opener == null ? "" : " on line " + opener.line()) + ", got " + describe(token));
        }
    }

    private Token peek() {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    private Token next() {
        Token token = peek();
        index = Math.min(index + 1, tokens.size() - 1);
        return token;
    }

    private static String typeName(Type type) {
        return switch (type) {
            case SCALAR -> "scalar";
            case STRING -> "string";
            case VECTOR -> "instant vector";
            case MATRIX -> "range vector";
        };
    }

    private static String describe(Token token) {
        return token.kind() == TokenKind.END ? "the end of the expression" : "\"" + token.text() + "\"";
    }

    private static List<Token> tokenize(String text) throws ParseError {
        List<Token> tokens = new ArrayList<>();
        int position = 0;
        int line = 1;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '\n') {
                line++;
                position++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                position++;
                continue;
            }
            if (c == '#') {
                while (position < text.length() && text.charAt(position) != '\n') {
                    position++;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                int start = position;
                int startLine = line;
                position++;
                while (position < text.length() && text.charAt(position) != c) {
                    if (text.charAt(position) == '\\' && c != '`') {
                        position++;
                    } else if (text.charAt(position) == '\n') {
                        if (c != '`') {
                            throw new ParseError(startLine, "the string opened with " + c + " is not closed on its line");
                        }
                        line++;
                    }
                    position++;
                }
                if (position >= text.length()) {
                    throw new ParseError(startLine, "the string opened with " + c + " is never closed");
                }
                position++;
                tokens.add(new Token(TokenKind.STRING, text.substring(start, position), startLine));
                continue;
            }
            Matcher duration = DURATION.matcher(text).region(position, text.length());
            if (Character.isDigit(c) && duration.lookingAt()
                    && !isIdentifierPart(text, duration.end())) {
                tokens.add(new Token(TokenKind.DURATION, duration.group(), line));
                position = duration.end();
                continue;
            }
            Matcher number = NUMBER.matcher(text).region(position, text.length());
            if ((Character.isDigit(c) || c == '.') && number.lookingAt()) {
                tokens.add(new Token(TokenKind.NUMBER, number.group(), line));
                position = number.end();
                continue;
            }
            Matcher identifier = IDENTIFIER.matcher(text).region(position, text.length());
            if (identifier.lookingAt() && c != ':') {
                tokens.add(new Token(TokenKind.IDENTIFIER, identifier.group(), line));
                position = identifier.end();
                continue;
            }
            String operator = null;
            for (String candidate : OPERATORS) {
                if (text.startsWith(candidate, position)) {
                    operator = candidate;
                    break;
                }
            }
            if (operator == null) {
                throw new ParseError(line, "unexpected character '" + c + "'");
            }
            tokens.add(new Token(TokenKind.OPERATOR, operator, line));
            position += operator.length();
        }
        tokens.add(new Token(TokenKind.END, "", line));
        return tokens;
    }

    private static boolean isIdentifierPart(String text, int position) {
        return position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                || text.charAt(position) == '_' || text.charAt(position) == '.');
    }
}
