package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/** A Pass state: its result is its fixed Result, or else its input after InputPath and Parameters. */
record PassState(FilterPath inputPath, PayloadTemplate parameters, Optional<JsonNode> result,
                 ResultProcessing results, Transition transition) implements State {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath",
            "Parameters", "ResultPath", "Result");

    static PassState parse(FieldReader where) {
        where.allowOnly(FIELDS);
        return new PassState(FilterPath.parse(where, "InputPath"), PayloadTemplate.parse(where, "Parameters"),
                Optional.ofNullable(where.value("Result")), ResultProcessing.parse(where), Transition.parse(where));
    }

    @Override
    public StateOutcome execute(JsonNode input, StateContext state) throws StatesError {
        Scope scope = state.scope(input);
        JsonNode passed = result.isPresent()
                ? result.get()
                : parameters.evaluate(scope.withInput(inputPath.apply(scope)));
        return transition.outcome(results.output(input, passed, scope));
    }
}
