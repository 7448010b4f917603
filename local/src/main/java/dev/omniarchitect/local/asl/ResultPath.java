package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Where a result goes in the state's raw input: anywhere a reference path names, or nowhere (null). */
record ResultPath(Optional<ReferencePath> target) {
    static ResultPath parse(FieldReader where, String field) {
        JsonNode value = where.value(field);
        if (value == null) {
            return new ResultPath(Optional.of(ReferencePath.parse("$", where, field)));
        }
        if (value.isNull()) {
            return new ResultPath(Optional.empty());
        }
        return new ResultPath(Optional.of(ReferencePath.parse(where.string(field), where, field)));
    }

    JsonNode apply(JsonNode rawInput, JsonNode result, String stateName) throws StatesError {
        return target.isEmpty() ? rawInput : target.get().write(rawInput, result, stateName);
    }
}
