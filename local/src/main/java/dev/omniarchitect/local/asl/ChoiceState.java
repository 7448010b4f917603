package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A Choice state: the first rule that matches picks the next state, else Default does. */
record ChoiceState(FilterPath inputPath, List<Branch> choices, Optional<String> defaultNext, FilterPath outputPath)
        implements State {
    private static final Set<String> FIELDS =
            Set.of("Type", "Comment", "InputPath", "OutputPath", "Choices", "Default");

    ChoiceState {
        choices = List.copyOf(choices);
    }

    /** A top-level Choice Rule and the state it leads to. */
    record Branch(ChoiceRule rule, String next) {
    }

    static ChoiceState parse(FieldReader where) {
        where.allowOnly(FIELDS);
        List<Branch> choices = new ArrayList<>();
        for (FieldReader choice : where.objects("Choices")) {
            choices.add(ChoiceRuleParser.branch(choice));
        }
        if (choices.isEmpty()) {
            throw where.invalid("Choices", "must be a non-empty array of Choice Rules");
        }
        Optional<String> defaultNext = where.has("Default") ? Optional.of(where.target("Default")) : Optional.empty();
        return new ChoiceState(FilterPath.parse(where, "InputPath"), choices, defaultNext,
                FilterPath.parse(where, "OutputPath"));
    }

    @Override
    public StateOutcome execute(JsonNode input, StateContext state) throws StatesError {
        Scope scope = state.scope(input);
        Scope chosen = scope.withInput(inputPath.apply(scope));
        for (Branch branch : choices) {
            if (branch.rule().matches(chosen)) {
                return new StateOutcome(outputPath.apply(chosen), Optional.of(branch.next()));
            }
        }
        String next = defaultNext.orElseThrow(() -> new StatesError(StatesError.NO_CHOICE_MATCHED,
                "No Choice Rule of state '" + state.stateName() + "' matched its input, and it has no Default."));
        return new StateOutcome(outputPath.apply(chosen), Optional.of(next));
    }
}
