package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/** A Succeed state, which ends its machine or iteration with its filtered input. */
record SucceedState(FilterPath inputPath, FilterPath outputPath) implements State {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "InputPath", "OutputPath");

    static SucceedState parse(FieldReader where) {
        where.allowOnly(FIELDS);
        return new SucceedState(FilterPath.parse(where, "InputPath"), FilterPath.parse(where, "OutputPath"));
    }

    @Override
    public StateOutcome execute(JsonNode input, StateContext state) throws StatesError {
        Scope scope = state.scope(input);
        return new StateOutcome(outputPath.apply(scope.withInput(inputPath.apply(scope))), Optional.empty());
    }
}
