package dev.omniarchitect.validation.shell;

import dev.omniarchitect.validation.shell.ShellLexer.Expansion;
import dev.omniarchitect.validation.shell.ShellLexer.Kind;
import dev.omniarchitect.validation.shell.ShellLexer.SyntaxError;
import dev.omniarchitect.validation.shell.ShellLexer.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a token list by bash's grammar (lists, pipelines, if, while, until, for, case, groups,
 * subshells, functions, {@code [[ ]]}) and reports the first place bash would refuse, and every
 * argument or redirection target that expands a variable without quotes, as shellcheck's SC2086 does:
 * not for variables the script set to a plain constant, not in assignments, {@code [[ ]]} or
 * {@code case} words, where bash does not split.
 */
final class ShellParser {

    /** What a script and its command substitutions share: constants set so far and the expansions found. */
    static final class Context {
        final Set<String> constants = new HashSet<>();
        final List<Expansion> unquoted = new ArrayList<>();
    }

    private static final Set<String> CLOSERS = Set.of("then", "elif", "else", "fi", "do", "done", "esac", "}");
    private static final Set<String> CLOSING_OPERATORS = Set.of(")", ";;", ";&", ";;&");
    private static final Set<String> DECLARATIONS = Set.of("export", "local", "declare", "readonly", "typeset");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(\\[[^]]*])?\\+?=.*",
            Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final List<Token> tokens;
    private final Context context;
    private int index;

    ShellParser(List<Token> tokens, Context context) {
        this.tokens = tokens;
        this.context = context;
    }

    /** Parses the whole token list as a script. */
    void script() throws SyntaxError {
        list();
        if (index < tokens.size()) {
            Token token = tokens.get(index);
            throw new SyntaxError(token.line(), "'" + token.text() + "' on line " + token.line()
                    + (token.kind() == Kind.WORD ? " closes nothing: there is no matching opening keyword"
                    : " is unexpected here"));
        }
    }

    /** Commands separated by ; & or newlines, up to a closing keyword or operator or the end. */
    private void list() throws SyntaxError {
        while (true) {
            skipNewlines();
            if (atEnd() || atCloser()) {
                return;
            }
            andOr();
            Token next = peek();
            if (next == null) {
                return;
            }
            if (next.kind() == Kind.NEWLINE || next.isOperator(";") || next.isOperator("&")) {
                index++;
                continue;
            }
            if (atCloser()) {
                return;
            }
            throw new SyntaxError(next.line(), "'" + next.text() + "' on line " + next.line()
                    + " follows a command without a ; or a newline between them");
        }
    }

    private void andOr() throws SyntaxError {
        pipeline();
        while (peek() != null && (peek().isOperator("&&") || peek().isOperator("||"))) {
            Token operator = tokens.get(index++);
            skipNewlines();
            if (atEnd() || atCloser()) {
                throw missingCommand(operator);
            }
            pipeline();
        }
    }

    private void pipeline() throws SyntaxError {
        if (peek().isWord("!")) {
            index++;
        }
        command();
        while (peek() != null && (peek().isOperator("|") || peek().isOperator("|&"))) {
            Token operator = tokens.get(index++);
            skipNewlines();
            if (atEnd() || atCloser()) {
                throw missingCommand(operator);
            }
            command();
        }
    }

    private void command() throws SyntaxError {
        Token token = peek();
        if (token.isOperator("(")) {
            index++;
            list();
            expectOperator(")", token, "(");
            redirections();
            return;
        }
        if (token.kind() == Kind.OPERATOR) {
            throw new SyntaxError(token.line(), "'" + token.text() + "' on line " + token.line()
                    + " stands where a command belongs");
        }
        if (token.kind() == Kind.WORD) {
            switch (token.text()) {
                case "{" -> group(token);
                case "if" -> ifClause(token);
                case "while", "until" -> loop(token);
                case "for", "select" -> forLoop(token);
                case "case" -> caseClause(token);
                case "[[" -> conditional(token);
                case "function" -> function(token);
                default -> simpleCommand();
            }
            return;
        }
        simpleCommand();
    }

    private void group(Token open) throws SyntaxError {
        index++;
        list();
        expectWord("}", open);
        redirections();
    }

    private void ifClause(Token open) throws SyntaxError {
        index++;
        list();
        expectWord("then", open);
        list();
        while (peek() != null && peek().isWord("elif")) {
            Token elif = tokens.get(index++);
            list();
            expectWord("then", elif);
            list();
        }
        if (peek() != null && peek().isWord("else")) {
            index++;
            list();
        }
        expectWord("fi", open);
        redirections();
    }

    private void loop(Token open) throws SyntaxError {
        index++;
        list();
        doGroup(open);
    }

    private void forLoop(Token open) throws SyntaxError {
        index++;
        Token variable = peek();
        if (variable == null || variable.kind() != Kind.WORD) {
            throw new SyntaxError(open.line(), "'" + open.text() + "' on line " + open.line() + " names no loop variable");
        }
        index++;
        boolean arithmetic = variable.text().startsWith("((");
        if (!arithmetic && !NAME.matcher(variable.text()).matches()) {
            throw new SyntaxError(variable.line(), "'" + variable.text() + "' is not a valid loop variable name");
        }
        skipNewlines();
        boolean constantWords = true;
        if (!arithmetic && peek() != null && peek().isWord("in")) {
            index++;
            while (peek() != null && peek().kind() == Kind.WORD) {
                constantWords &= tokens.get(index++).literal();
            }
        }
        if (!arithmetic) {
            setVariable(variable.text(), constantWords);
        }
        if (peek() != null && peek().isOperator(";")) {
            index++;
        }
        doGroup(open);
    }

    private void doGroup(Token open) throws SyntaxError {
        skipNewlines();
        expectWord("do", open);
        list();
        expectWord("done", open);
        redirections();
    }

    private void caseClause(Token open) throws SyntaxError {
        index++;
        if (peek() == null || peek().kind() != Kind.WORD) {
            throw new SyntaxError(open.line(), "'case' on line " + open.line() + " has no word to match");
        }
        index++;
        skipNewlines();
        expectWord("in", open);
        while (true) {
            skipNewlines();
            Token token = peek();
            if (token == null || token.isWord("esac")) {
                break;
            }
            if (token.isOperator("(")) {
                index++;
            }
            while (peek() != null && (peek().kind() == Kind.WORD || peek().isOperator("|"))) {
                index++;
            }
            expectOperator(")", token, "the case pattern");
            list();
            if (peek() != null && CLOSING_OPERATORS.contains(peek().text()) && !peek().isOperator(")")) {
                index++;
            } else if (peek() == null || !peek().isWord("esac")) {
                throw closingExpected(open, "esac", peek());
            }
        }
        expectWord("esac", open);
        redirections();
    }

    private void conditional(Token open) throws SyntaxError {
        index++;
        while (peek() != null && !peek().isWord("]]")) {
            index++;
        }
        expectWord("]]", open);
        redirections();
    }

    private void function(Token open) throws SyntaxError {
        index++;
        if (peek() == null || peek().kind() != Kind.WORD) {
            throw new SyntaxError(open.line(), "'function' on line " + open.line() + " names no function");
        }
        index++;
        if (peek() != null && peek().isOperator("(")) {
            index++;
            expectOperator(")", open, "the function's (");
        }
        skipNewlines();
        command();
    }

    private void simpleCommand() throws SyntaxError {
        boolean commandNameSeen = false;
        boolean declaration = false;
        while (peek() != null && (peek().kind() == Kind.WORD || peek().kind() == Kind.REDIRECTION)) {
            Token token = tokens.get(index++);
            if (token.kind() == Kind.REDIRECTION) {
                redirectionTarget(token);
                continue;
            }
            var assignment = ASSIGNMENT.matcher(token.text());
            if ((!commandNameSeen || declaration) && assignment.matches()) {
                setVariable(assignment.group(1), token.text().substring(token.text().indexOf('=') + 1)
                        .matches("[A-Za-z0-9_./:,+@%-]*") && assignment.group(2) == null);
                continue;
            }
            if (!commandNameSeen && peek() != null && peek().isOperator("(")) {
                index++;
                expectOperator(")", token, "the function's (");
                skipNewlines();
                command();
                return;
            }
            if (commandNameSeen) {
                report(token);
            }
            declaration |= !commandNameSeen && DECLARATIONS.contains(token.text());
            commandNameSeen = true;
        }
    }

    private void redirections() throws SyntaxError {
        while (peek() != null && peek().kind() == Kind.REDIRECTION) {
            redirectionTarget(tokens.get(index++));
        }
    }

    private void redirectionTarget(Token redirection) throws SyntaxError {
        Token target = peek();
        if (target == null || target.kind() != Kind.WORD) {
            throw new SyntaxError(redirection.line(), "the redirection " + redirection.text() + " on line "
                    + redirection.line() + " has no target");
        }
        index++;
        if (!redirection.text().startsWith("<<")) {
            report(target);
        }
    }

    private void report(Token word) {
        for (Expansion expansion : word.unquoted()) {
            if (!context.constants.contains(expansion.name())) {
                context.unquoted.add(expansion);
            }
        }
    }

    private void setVariable(String name, boolean constant) {
        if (constant) {
            context.constants.add(name);
        } else {
            context.constants.remove(name);
        }
    }

    private void expectWord(String word, Token open) throws SyntaxError {
        Token token = peek();
        if (token == null || !token.isWord(word)) {
            throw closingExpected(open, word, token);
        }
        index++;
    }

    private void expectOperator(String operator, Token open, String what) throws SyntaxError {
        Token token = peek();
        if (token == null || !token.isOperator(operator)) {
            int line = token == null ? lastLine() : token.line();
            throw new SyntaxError(line, what + " on line " + open.line() + " is not closed with " + operator
                    + (token == null ? " before the script ends" : "; found '" + token.text().strip() + "'"));
        }
        index++;
    }

    private SyntaxError closingExpected(Token open, String word, Token found) {
        int line = found == null ? lastLine() : found.line();
        return new SyntaxError(line, "'" + open.text() + "' on line " + open.line() + " needs '" + word + "'"
                + (found == null ? " before the script ends" : " where '" + found.text().strip() + "' is, on line " + line));
    }

    private SyntaxError missingCommand(Token operator) {
        return new SyntaxError(operator.line(), "'" + operator.text() + "' on line " + operator.line()
                + " is not followed by a command");
    }

    private boolean atCloser() {
        Token token = peek();
        return token != null && (token.kind() == Kind.WORD && CLOSERS.contains(token.text())
                || token.kind() == Kind.OPERATOR && CLOSING_OPERATORS.contains(token.text()));
    }

    private void skipNewlines() {
        while (peek() != null && peek().kind() == Kind.NEWLINE) {
            index++;
        }
    }

    private boolean atEnd() {
        return index >= tokens.size();
    }

    private Token peek() {
        return index < tokens.size() ? tokens.get(index) : null;
    }

    private int lastLine() {
        return tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line();
    }
}
