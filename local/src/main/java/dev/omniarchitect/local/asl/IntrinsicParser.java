package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Parses an intrinsic function call such as {@code States.Format('{} items', $.count)}. */
final class IntrinsicParser {
    private final String text;
    private final FieldReader where;
    private final String field;
    private int position;

    private IntrinsicParser(String text, FieldReader where, String field) {
        this.text = text;
        this.where = where;
        this.field = field;
    }

    static IntrinsicCall parse(String text, FieldReader where, String field) {
        IntrinsicParser parser = new IntrinsicParser(text, where, field);
        IntrinsicCall call = parser.call();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw parser.malformed("unexpected text after the call");
        }
        return call;
    }

    private IntrinsicCall call() {
        int start = position;
        while (position < text.length()
                && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '.')) {
            position++;
        }
        String name = text.substring(start, position);
        IntrinsicFunction function = IntrinsicFunction.named(name).orElseThrow(() -> where.invalid(field,
                "uses intrinsic function " + name + ", which is not supported by the local executor"));
        expect('(');
        List<ValueExpression> arguments = new ArrayList<>();
        skipSpaces();
        if (!isAt(')')) {
            arguments.add(argument());
            while (isAt(',')) {
                position++;
                arguments.add(argument());
            }
        }
        expect(')');
        function.checkArguments(arguments, where, field);
        return new IntrinsicCall(function, arguments);
    }

    private ValueExpression argument() {
        skipSpaces();
        ValueExpression argument;
        if (isAt('\'')) {
            argument = stringLiteral();
        } else if (isAt('$')) {
            argument = PathExpression.parse(pathText(), where, field);
        } else if (text.startsWith("States.", position)) {
            argument = call();
        } else {
            argument = scalarLiteral();
        }
        skipSpaces();
        return argument;
    }

    private StringLiteral stringLiteral() {
        int start = ++position;
        while (position < text.length() && text.charAt(position) != '\'') {
            position += text.charAt(position) == '\\' ? 2 : 1;
        }
        if (position >= text.length()) {
            throw malformed("a quoted string is not closed");
        }
        return new StringLiteral(text.substring(start, position++));
    }

    // A path runs to the next comma or closing parenthesis that is outside its brackets and quotes.
    private String pathText() {
        int start = position;
        int depth = 0;
        char quote = 0;
        for (; position < text.length(); position++) {
            char c = text.charAt(position);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && depth > 0) {
                depth--;
            } else if ((c == ',' || c == ')') && depth == 0) {
                break;
            }
        }
        return text.substring(start, position).strip();
    }

    private LiteralValue scalarLiteral() {
        int start = position;
        while (position < text.length() && ",) ".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        String token = text.substring(start, position);
        try {
            JsonNode value = JsonText.parse(token);
            if (value.isValueNode() && !value.isTextual()) {
                return new LiteralValue(value);
            }
        } catch (JsonProcessingException e) {
            // Not a JSON number, boolean or null: refused below like any other unknown argument.
        }
        throw malformed("argument \"" + token + "\" is not a quoted string, number, boolean, null, path"
                + " or intrinsic function");
    }

    private void expect(char expected) {
        skipSpaces();
        if (!isAt(expected)) {
            throw malformed("expected '" + expected + "' at position " + position);
        }
        position++;
    }

    private boolean isAt(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private DefinitionException malformed(String problem) {
        return where.invalid(field, "holds a malformed intrinsic function call (" + problem + "): " + text);
    }
}
