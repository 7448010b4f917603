package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** ResultSelector, ResultPath and OutputPath, which turn a state's result into its output, in that order. */
record ResultProcessing(PayloadTemplate resultSelector, ResultPath resultPath, FilterPath outputPath) {
    static ResultProcessing parse(FieldReader where) {
        return new ResultProcessing(PayloadTemplate.parse(where, "ResultSelector"),
                ResultPath.parse(where, "ResultPath"), FilterPath.parse(where, "OutputPath"));
    }

    JsonNode output(JsonNode rawInput, JsonNode result, Scope scope) throws StatesError {
        JsonNode selected = resultSelector.evaluate(scope.withInput(result));
        JsonNode combined = resultPath.apply(rawInput, selected, scope.stateName());
        return outputPath.apply(scope.withInput(combined));
    }
}
