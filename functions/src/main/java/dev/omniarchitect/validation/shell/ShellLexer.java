package dev.omniarchitect.validation.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits bash text into words and operators as bash's tokenizer does: quotes, escapes, comments,
 * parameter, command and arithmetic expansions, heredoc bodies. Each word remembers its unquoted
 * expansions, which word splitting and globbing would act on. Command substitutions are lexed and
 * parsed as scripts of their own ({@link ShellParser}), so their syntax and quoting are checked too.
 */
final class ShellLexer {

    /** A word or an operator of the script. */
    record Token(Kind kind, String text, int line, List<Expansion> unquoted, boolean literal) {

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equals(word);
        }

        boolean isOperator(String operator) {
            return kind == Kind.OPERATOR && text.equals(operator);
        }
    }

    /** What a token is; a redirection operator is followed by its target word. */
    enum Kind { WORD, OPERATOR, REDIRECTION, NEWLINE }

    /** An unquoted {@code $name} or {@code ${name...}}, where it is. */
    record Expansion(String name, int line) {
    }

    /** Raised at the first token bash would refuse. */
    static final class SyntaxError extends Exception {
        final int line;

        SyntaxError(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    private static final String METACHARACTERS = " \t\n;&|<>()";
    private static final Set<String> OPERATORS = Set.of(";;&", ";;", ";&", "&&", "||", "|&", ";", "&", "|", "(", ")");
    private static final List<String> REDIRECTIONS = List.of("&>>", "<<<", "<<-", "&>", ">>", "<<", "<&", ">&", "<>", ">|",
            "<", ">");
    private static final Set<String> SPECIAL_PARAMETERS = Set.of("#", "?", "$", "!", "-", "@", "*");

    private final String text;
    private final ShellParser.Context context;
    private int position;
    private int line;
    private final List<String[]> pendingHeredocs = new ArrayList<>();

    ShellLexer(String text, int position, int line, ShellParser.Context context) {
        this.text = text;
        this.position = position;
        this.line = line;
        this.context = context;
    }

    int position() {
        return position;
    }

    int line() {
        return line;
    }

    /** Every token to the end of the text, or, inside a command substitution, to its closing parenthesis. */
    List<Token> tokens(boolean untilCloseParen) throws SyntaxError {
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        int startLine = line;
        while (true) {
            skipBlanks();
            if (position >= text.length()) {
                if (untilCloseParen) {
                    throw new SyntaxError(startLine, "$( opened on line " + startLine + " is never closed");
                }
                if (!pendingHeredocs.isEmpty()) {
                    throw new SyntaxError(line, "heredoc <<" + pendingHeredocs.get(0)[0] + " has no body end");
                }
                return tokens;
            }
            char c = text.charAt(position);
            if (c == '#') {
                skipComment();
                continue;
            }
            if (c == '\n') {
                tokens.add(new Token(Kind.NEWLINE, "\n", line, List.of(), true));
                advance();
                readHeredocBodies();
                continue;
            }
            String redirection = startingRedirection();
            if (redirection != null) {
                tokens.add(new Token(Kind.REDIRECTION, redirection, line, List.of(), true));
                position += redirection.length();
                if (redirection.startsWith("<<") && !redirection.equals("<<<")) {
                    tokens.add(heredocDelimiter(redirection.equals("<<-")));
                }
                continue;
            }
            String operator = startingOperator();
            if (operator != null) {
                if (operator.equals("(") && text.startsWith("((", position) && lastIsCommandStart(tokens)) {
                    tokens.add(arithmeticCommand());
                    continue;
                }
                if (untilCloseParen && operator.equals(")") && depth == 0) {
                    position++;
                    return tokens;
                }
                depth += operator.equals("(") ? 1 : operator.equals(")") ? -1 : 0;
                tokens.add(new Token(Kind.OPERATOR, operator, line, List.of(), true));
                position += operator.length();
                continue;
            }
            tokens.add(word());
        }
    }

    private static boolean lastIsCommandStart(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return true;
        }
        Token last = tokens.get(tokens.size() - 1);
        return last.kind() != Kind.WORD || Set.of("do", "then", "else", "{", "!", "&&", "||").contains(last.text());
    }

    private String startingOperator() {
        for (String operator : List.of(";;&", ";;", ";&", "&&", "||", "|&")) {
            if (text.startsWith(operator, position)) {
                return operator;
            }
        }
        String single = String.valueOf(text.charAt(position));
        return OPERATORS.contains(single) ? single : null;
    }

    private String startingRedirection() {
        for (String redirection : REDIRECTIONS) {
            if (text.startsWith(redirection, position)) {
                // "<(" and ">(" are process substitutions, words rather than redirections.
                if ((redirection.equals("<") || redirection.equals(">")) && text.startsWith("(", position + 1)) {
                    return null;
                }
                return redirection;
            }
        }
        return null;
    }

    private Token arithmeticCommand() throws SyntaxError {
        int startLine = line;
        int start = position;
        position += 2;
        skipArithmetic(startLine, "((");
        return new Token(Kind.WORD, text.substring(start, position), startLine, List.of(), false);
    }

    /** Reads a word up to the next unquoted metacharacter. */
    private Token word() throws SyntaxError {
        int startLine = line;
        int start = position;
        List<Expansion> unquoted = new ArrayList<>();
        boolean literal = true;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '(' && position > start && isArrayAssignmentStart(text.substring(start, position))) {
                literal = false;
                skipParenthesised(startLine);
                continue;
            }
            if ((c == '<' || c == '>') && text.startsWith("(", position + 1)) {
                literal = false;
                position += 2;
                nested();
                continue;
            }
            if (METACHARACTERS.indexOf(c) >= 0) {
                break;
            }
            switch (c) {
                case '\\' -> {
                    advance();
                    if (position < text.length()) {
                        advance();
                    }
                }
                case '\'' -> {
                    literal = false;
                    singleQuoted(line);
                }
                case '"' -> {
                    literal = false;
                    doubleQuoted();
                }
                case '`' -> {
                    literal = false;
                    backquoted();
                }
                case '$' -> {
                    literal = false;
                    dollar(unquoted);
                }
                default -> {
                    if ("*?[".indexOf(c) >= 0) {
                        literal = false;
                    }
                    advance();
                }
            }
        }
        String word = text.substring(start, position);
        return new Token(Kind.WORD, word, startLine, unquoted, literal);
    }

    private static boolean isArrayAssignmentStart(String soFar) {
        return soFar.matches("[A-Za-z_][A-Za-z0-9_]*\\+?=");
    }

    private void singleQuoted(int startLine) throws SyntaxError {
        advance();
        while (position < text.length() && text.charAt(position) != '\'') {
            advance();
        }
        if (position >= text.length()) {
            throw new SyntaxError(startLine, "the string opened with ' on line " + startLine + " is never closed");
        }
        advance();
    }

    private void doubleQuoted() throws SyntaxError {
        int startLine = line;
        advance();
        while (position < text.length() && text.charAt(position) != '"') {
            char c = text.charAt(position);
            if (c == '\\') {
                advance();
                if (position < text.length()) {
                    advance();
                }
            } else if (c == '`') {
                backquoted();
            } else if (c == '$') {
                dollar(null);
            } else {
                advance();
            }
        }
        if (position >= text.length()) {
            throw new SyntaxError(startLine, "the string opened with \" on line " + startLine + " is never closed");
        }
        advance();
    }

    private void backquoted() throws SyntaxError {
        int startLine = line;
        advance();
        while (position < text.length() && text.charAt(position) != '`') {
            if (text.charAt(position) == '\\') {
                advance();
            }
            if (position < text.length()) {
                advance();
            }
        }
        if (position >= text.length()) {
            throw new SyntaxError(startLine, "the command substitution opened with ` on line " + startLine
                    + " is never closed");
        }
        advance();
    }

    /** A {@code $} expansion; unquoted ones are recorded in the list (null inside double quotes). */
    private void dollar(List<Expansion> unquoted) throws SyntaxError {
        int startLine = line;
        advance();
        if (position >= text.length()) {
            return;
        }
        char c = text.charAt(position);
        if (text.startsWith("((", position)) {
            position += 2;
            skipArithmetic(startLine, "$((");
        } else if (c == '(') {
            advance();
            nested();
        } else if (c == '{') {
            int start = position + 1;
            skipBraced(startLine);
            String inside = text.substring(start, position - 1);
            String name = inside.replaceFirst("^[!]?([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-]).*$", "$1");
            boolean length = inside.startsWith("#") && inside.length() > 1;
            boolean array = inside.matches("[A-Za-z_][A-Za-z0-9_]*\\[[@*]].*");
            if (unquoted != null && !length && !array && !SPECIAL_PARAMETERS.contains(name)) {
                unquoted.add(new Expansion(name, startLine));
            }
        } else if (c == '\'') {
            singleQuoted(startLine);
        } else if (c == '"') {
            doubleQuoted();
        } else if (Character.isLetter(c) || c == '_') {
            int start = position;
            while (position < text.length()
                    && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                advance();
            }
            if (unquoted != null) {
                unquoted.add(new Expansion(text.substring(start, position), startLine));
            }
        } else if (Character.isDigit(c)) {
            advance();
            if (unquoted != null) {
                unquoted.add(new Expansion(String.valueOf(c), startLine));
            }
        } else if (SPECIAL_PARAMETERS.contains(String.valueOf(c))) {
            advance();
        }
    }

    /** A command or process substitution: lexed and parsed as a script of its own. */
    private void nested() throws SyntaxError {
        ShellLexer inner = new ShellLexer(text, position, line, context);
        List<Token> tokens = inner.tokens(true);
        position = inner.position();
        line = inner.line();
        new ShellParser(tokens, context).script();
    }

    private void skipArithmetic(int startLine, String opener) throws SyntaxError {
        int depth = 0;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    if (text.startsWith("))", position)) {
                        position += 2;
                        return;
                    }
                    throw new SyntaxError(line, opener + " opened on line " + startLine + " must end with ))");
                }
                depth--;
            }
            advance();
        }
        throw new SyntaxError(startLine, opener + " opened on line " + startLine + " is never closed");
    }

    private void skipBraced(int startLine) throws SyntaxError {
        advance();
        int depth = 0;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '}' && depth == 0) {
                advance();
                return;
            }
            if (c == '\\') {
                advance();
            } else if (c == '\'') {
                singleQuoted(line);
                continue;
            } else if (c == '"') {
                doubleQuoted();
                continue;
            } else if (c == '$' && text.startsWith("${", position)) {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            if (position < text.length()) {
                advance();
            }
        }
        throw new SyntaxError(startLine, "${ opened on line " + startLine + " is never closed");
    }

    private void skipParenthesised(int startLine) throws SyntaxError {
        int depth = 0;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                advance();
                return;
            } else if (c == '\'') {
                singleQuoted(line);
                continue;
            } else if (c == '"') {
                doubleQuoted();
                continue;
            }
            advance();
        }
        throw new SyntaxError(startLine, "( opened on line " + startLine + " is never closed");
    }

    private Token heredocDelimiter(boolean stripTabs) {
        skipBlanks();
        int start = position;
        int startLine = line;
        while (position < text.length() && METACHARACTERS.indexOf(text.charAt(position)) < 0) {
            advance();
        }
        String delimiter = text.substring(start, position).replace("'", "").replace("\"", "").replace("\\", "");
        if (!delimiter.isEmpty()) {
            pendingHeredocs.add(new String[] {delimiter, stripTabs ? "-" : "", String.valueOf(startLine)});
        }
        return new Token(Kind.WORD, delimiter, startLine, List.of(), true);
    }

    private void readHeredocBodies() throws SyntaxError {
        for (String[] heredoc : pendingHeredocs) {
            int startLine = Integer.parseInt(heredoc[2]);
            boolean closed = false;
            while (position < text.length()) {
                int end = text.indexOf('\n', position);
                String content = text.substring(position, end < 0 ? text.length() : end);
                while (position < (end < 0 ? text.length() : end + 1)) {
                    advance();
                }
                String compared = heredoc[1].isEmpty() ? content : content.replaceFirst("^\t+", "");
                if (compared.equals(heredoc[0])) {
                    closed = true;
                    break;
                }
            }
            if (!closed) {
                throw new SyntaxError(startLine, "the heredoc <<" + heredoc[0] + " starting on line " + startLine
                        + " never reaches its end line " + heredoc[0]);
            }
        }
        pendingHeredocs.clear();
    }

    private void skipBlanks() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == ' ' || c == '\t' || c == '\r') {
                advance();
            } else if (c == '\\' && text.startsWith("\\\n", position)) {
                advance();
                advance();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        while (position < text.length() && text.charAt(position) != '\n') {
            advance();
        }
    }

    private void advance() {
        if (text.charAt(position) == '\n') {
            line++;
        }
        position++;
    }
}
