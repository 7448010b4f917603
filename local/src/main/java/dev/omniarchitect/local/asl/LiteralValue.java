package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** A constant: a number, boolean or null argument of an intrinsic function, or a fixed Error or Cause. */
record LiteralValue(JsonNode value) implements ValueExpression {
    @Override
    public JsonNode evaluate(Scope scope) {
        return value;
    }
}
