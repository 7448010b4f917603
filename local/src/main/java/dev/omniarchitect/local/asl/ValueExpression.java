package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** A value worked out at run time from a Scope: a path (intrinsic functions are refused at load time). */
sealed interface ValueExpression permits PathExpression {
    JsonNode evaluate(Scope scope) throws StatesError;

    /** Parses what a {@code .$} field holds. */
    static ValueExpression parse(String text, FieldReader where, String field) {
        if (text.startsWith("$")) {
            return PathExpression.parse(text, where, field);
        }
        if (text.startsWith("States.")) {
            throw where.invalid(field, "uses an intrinsic function, which the local executor does not support");
        }
        throw where.invalid(field, "must hold a path, not \"" + text + "\"");
    }
}
