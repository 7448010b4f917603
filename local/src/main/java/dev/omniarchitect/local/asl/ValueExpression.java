package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** A value worked out at run time from a Scope: a path, an intrinsic function call or a literal. */
sealed interface ValueExpression permits PathExpression, IntrinsicCall, LiteralValue, StringLiteral {
    JsonNode evaluate(Scope scope) throws StatesError;

    /** Parses what a {@code .$} field, ErrorPath or CausePath holds. */
    static ValueExpression parse(String text, FieldReader where, String field) {
        if (text.startsWith("$")) {
            return PathExpression.parse(text, where, field);
        }
        if (text.startsWith("States.")) {
            return IntrinsicParser.parse(text, where, field);
        }
        throw where.invalid(field, "must hold a path or an intrinsic function, not \"" + text + "\"");
    }
}
