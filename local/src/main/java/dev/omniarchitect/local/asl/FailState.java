package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;
import java.util.Set;

/** A Fail state, which reports its Error and Cause, fixed or read from its input. */
record FailState(Optional<ValueExpression> error, Optional<ValueExpression> cause) implements State {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "Error", "ErrorPath", "Cause", "CausePath");

    static FailState parse(FieldReader where) {
        where.allowOnly(FIELDS);
        return new FailState(detail(where, "Error"), detail(where, "Cause"));
    }

    // Either the fixed field or its Path twin, which holds a path or an intrinsic function.
    private static Optional<ValueExpression> detail(FieldReader where, String field) {
        String pathField = field + "Path";
        if (where.has(field) && where.has(pathField)) {
            throw where.invalid(pathField, "cannot be combined with field \"" + field + "\"");
        }
        if (where.has(pathField)) {
            return Optional.of(ValueExpression.parse(where.string(pathField), where, pathField));
        }
        return where.optionalString(field).map(text -> new LiteralValue(TextNode.valueOf(text)));
    }

    @Override
    public StateOutcome execute(JsonNode input, StateContext state) throws StatesError {
        Scope scope = state.scope(input);
        throw new StatesError(text(error, scope, "ErrorPath"), text(cause, scope, "CausePath"));
    }

    private static String text(Optional<ValueExpression> detail, Scope scope, String field) throws StatesError {
        if (detail.isEmpty()) {
            return null;
        }
        JsonNode value = detail.get().evaluate(scope);
        if (!value.isTextual()) {
            throw StatesError.runtime(scope.stateName(), "The " + field + " must select a string, not " + value);
        }
        return value.textValue();
    }
}
