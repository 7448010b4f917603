package dev.omniarchitect.local.asl;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a definition's states, refusing whatever the local executor does not implement: the state types
 * the project's definition uses (Task, Map, Pass, Fail; a Map inline or distributed) and nothing else, so no
 * untested interpreter code runs.
 */
final class DefinitionParser {
    // Step Functions wants every state name unique across the machine, Map processors included.
    private final Set<String> stateNames = new HashSet<>();

    StateGraph graph(FieldReader where) {
        FieldReader statesField = where.object("States");
        Set<String> names = statesField.fieldNames();
        if (names.isEmpty()) {
            throw where.invalid("States", "must define at least one state");
        }
        String startAt = where.string("StartAt");
        if (!names.contains(startAt)) {
            throw where.invalid("StartAt", "names state \"" + startAt + "\", which does not exist");
        }
        Map<String, State> states = new LinkedHashMap<>();
        for (String name : names) {
            if (!stateNames.add(name)) {
                throw new DefinitionException("state \"" + name + "\": the name is used by more than one state");
            }
            states.put(name, state(FieldReader.state(name, statesField.value(name), names)));
        }
        return new StateGraph(startAt, states);
    }

    /** A Map whose processor runs in DISTRIBUTED mode: child executions, rather than iterations of this one. */
    private static boolean distributed(FieldReader where) {
        if (!where.has("ItemProcessor")) {
            return false;
        }
        FieldReader processor = where.object("ItemProcessor");
        return processor.has("ProcessorConfig")
                && processor.object("ProcessorConfig").optionalString("Mode").orElse("INLINE").equals("DISTRIBUTED");
    }

    private State state(FieldReader where) {
        String type = where.string("Type");
        return switch (type) {
            case "Task" -> TaskState.parse(where);
            case "Map" -> distributed(where) ? DistributedMapState.parse(where, this) : MapState.parse(where, this);
            case "Pass" -> PassState.parse(where);
            case "Fail" -> FailState.parse(where);
            default -> throw where.unsupportedValue("Type", type);
        };
    }
}
