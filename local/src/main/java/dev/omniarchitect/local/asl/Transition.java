package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A state's Next, or its "End": true. */
record Transition(Optional<String> next) {
    static Transition parse(FieldReader where) {
        if (where.has("End")) {
            if (!where.value("End").isBoolean() || !where.value("End").booleanValue()) {
                throw where.invalid("End", "must be true; leave it out to use Next");
            }
            if (where.has("Next")) {
                throw where.invalid("End", "cannot be combined with field \"Next\"");
            }
            return new Transition(Optional.empty());
        }
        if (!where.has("Next")) {
            throw where.invalid("Next", "is required unless the state has \"End\": true");
        }
        return new Transition(Optional.of(where.target("Next")));
    }

    StateOutcome outcome(JsonNode output) {
        return new StateOutcome(output, next);
    }
}
