package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;

/** InputPath or OutputPath: selects part of a value ({@code $} when absent), or yields {} when null. */
record FilterPath(Optional<PathExpression> path) {
    static FilterPath parse(FieldReader where, String field) {
        JsonNode value = where.value(field);
        if (value == null) {
            return new FilterPath(Optional.of(PathExpression.parse("$", where, field)));
        }
        if (value.isNull()) {
            return new FilterPath(Optional.empty());
        }
        return new FilterPath(Optional.of(PathExpression.parse(where.string(field), where, field)));
    }

    JsonNode apply(Scope scope) throws StatesError {
        return path.isEmpty() ? JsonNodeFactory.instance.objectNode() : path.get().evaluate(scope);
    }
}
