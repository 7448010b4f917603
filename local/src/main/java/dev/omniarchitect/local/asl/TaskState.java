package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A Task state that calls a Lambda function. */
record TaskState(TaskResource resource, Optional<Duration> timeout, FilterPath inputPath, PayloadTemplate parameters,
                 ResultProcessing results, ErrorHandling errorHandling, Transition transition) implements State {
    private static final Set<String> FIELDS = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath",
            "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch", "Resource", "TimeoutSeconds");

    static TaskState parse(FieldReader where) {
        where.allowOnly(FIELDS);
        return new TaskState(TaskResource.parse(where),
                where.optionalCount("TimeoutSeconds", 1).map(Duration::ofSeconds),
                FilterPath.parse(where, "InputPath"),
                PayloadTemplate.parse(where, "Parameters"),
                ResultProcessing.parse(where),
                ErrorHandling.parse(where),
                Transition.parse(where));
    }

    @Override
    public StateOutcome execute(JsonNode input, StateContext state) throws StatesError, InterruptedException {
        return errorHandling.run(input, state, attempt -> {
            Scope scope = attempt.scope(input);
            JsonNode taskInput = parameters.evaluate(scope.withInput(inputPath.apply(scope)));
            PayloadLimit.check(taskInput, attempt.stateName(), "input after Parameters");
            JsonNode result = resource.call(taskInput, new LambdaCall(attempt, timeout));
            PayloadLimit.check(result, attempt.stateName(), "task result");
            return transition.outcome(results.output(input, result, scope));
        });
    }
}
