package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A call of an intrinsic function, whose arguments are evaluated when the call is. */
record IntrinsicCall(IntrinsicFunction function, List<ValueExpression> arguments) implements ValueExpression {
    IntrinsicCall {
        arguments = List.copyOf(arguments);
    }

    @Override
    public JsonNode evaluate(Scope scope) throws StatesError {
        return function.apply(arguments, scope);
    }
}
