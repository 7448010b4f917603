package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Step Functions Standard state transitions of a job, counted from the definition itself by walking
 * its states: every state entered is one transition, the Map state's item processor once per item, and a
 * Distributed Map's start of each child execution one more (as Step Functions bills it). Retries would add
 * more; the figures assume none.
 *
 * @param perJob         states entered once per job, whatever its size
 * @param perItem        states an item's iteration enters when the item's function returns
 * @param perFailedItem  states it enters when the function fails and the iteration's Catch takes over
 */
public record StateTransitions(int perJob, int perItem, int perFailedItem) {

    /** Counts them in the definition's text (with its ${...} substitutions still in place). */
    public static StateTransitions count(String definition) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(definition.replaceAll("\\$\\{[A-Za-z0-9]+}", "1"));
        } catch (IOException e) {
            throw new UncheckedIOException("the state machine definition is not JSON", e);
        }
        int perJob = 0;
        int perItem = 0;
        int perFailedItem = 0;
        for (JsonNode state : path(root)) {
            perJob++;
            JsonNode processor = state.path("ItemProcessor");
            if (!processor.isMissingNode()) {
                int childStart = "DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText()) ? 1 : 0;
                perItem += childStart + path(processor).size();
                perFailedItem += childStart + failurePath(processor);
            }
        }
        return new StateTransitions(perJob, perItem, perFailedItem);
    }

    /** The states from StartAt along Next to the end, on the path where every Task succeeds. */
    private static List<JsonNode> path(JsonNode machine) {
        List<JsonNode> states = new ArrayList<>();
        String name = machine.path("StartAt").asText();
        while (!name.isEmpty()) {
            JsonNode state = machine.path("States").path(name);
            if (state.isMissingNode() || states.size() > machine.path("States").size()) {
                throw new IllegalStateException("cannot follow the definition's states at " + name);
            }
            if (state.path("Type").asText().equals("Choice")) {
                throw new IllegalStateException("a Choice state (" + name + ") makes the count depend on the data");
            }
            states.add(state);
            name = state.path("End").asBoolean(false) ? "" : state.path("Next").asText();
        }
        return states;
    }

    /** States entered when the first Task with a Catch fails: the states before it, it, and its Catch's path. */
    private static int failurePath(JsonNode machine) {
        int entered = 0;
        for (JsonNode state : path(machine)) {
            entered++;
            JsonNode catcher = state.path("Catch").path(0);
            if (!catcher.isMissingNode()) {
                String name = catcher.path("Next").asText();
                while (!name.isEmpty()) {
                    JsonNode next = machine.path("States").path(name);
                    entered++;
                    name = next.path("End").asBoolean(false) ? "" : next.path("Next").asText();
                }
                return entered;
            }
        }
        return entered;
    }
}
