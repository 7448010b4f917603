package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A quoted string argument of an intrinsic function, kept with its backslash escapes because
 * States.Format must tell an escaped {@code \{\}} from a placeholder {@code {}}.
 */
record StringLiteral(String escaped) implements ValueExpression {
    @Override
    public JsonNode evaluate(Scope scope) {
        return TextNode.valueOf(String.join("{}", formatPieces()));
    }

    /** The unescaped text around each unescaped {@code {}} placeholder: one more piece than placeholders. */
    List<String> formatPieces() {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                piece.append(escaped.charAt(++i));
            } else if (c == '{' && i + 1 < escaped.length() && escaped.charAt(i + 1) == '}') {
                pieces.add(piece.toString());
                piece.setLength(0);
                i++;
            } else {
                piece.append(c);
            }
        }
        pieces.add(piece.toString());
        return pieces;
    }
}
