package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** A parsed state machine definition that the local executor has checked it can run exactly. */
public final class StateMachineDefinition {
    private static final Set<String> FIELDS = Set.of("StartAt", "States", "Comment", "TimeoutSeconds", "QueryLanguage");
    private static final String DEFAULT_NAME = "StateMachine";

    private final String name;
    private final StateGraph graph;
    private final Optional<Duration> timeout;

    private StateMachineDefinition(String name, StateGraph graph, Optional<Duration> timeout) {
        this.name = name;
        this.graph = graph;
        this.timeout = timeout;
    }

    /**
     * Parses Amazon States Language (JSONPath) after replacing each {@code ${Name}} placeholder as SAM's
     * DefinitionSubstitutions do.
     *
     * @throws DefinitionException naming the state and field of anything this executor does not implement
     */
    public static StateMachineDefinition parse(String definitionJson, Map<String, String> substitutions) {
        String substituted = Placeholders.substitute(Objects.requireNonNull(definitionJson, "definitionJson"),
                Objects.requireNonNull(substitutions, "substitutions"));
        JsonNode root;
        try {
            root = JsonText.parse(substituted);
        } catch (JsonProcessingException e) {
            throw new DefinitionException("state machine: the definition is not valid JSON: " + e.getOriginalMessage());
        }
        FieldReader where = FieldReader.stateMachine(root);
        where.allowOnly(FIELDS);
        String queryLanguage = where.optionalString("QueryLanguage").orElse("JSONPath");
        if (!queryLanguage.equals("JSONPath")) {
            throw where.unsupportedValue("QueryLanguage", queryLanguage);
        }
        Optional<Duration> timeout = where.optionalCount("TimeoutSeconds", 1).map(Duration::ofSeconds);
        return new StateMachineDefinition(DEFAULT_NAME, new DefinitionParser().graph(where), timeout);
    }

    /** The same definition under the name its execution and state machine ARNs show. */
    public StateMachineDefinition named(String stateMachineName) {
        return new StateMachineDefinition(Objects.requireNonNull(stateMachineName, "stateMachineName"), graph, timeout);
    }

    /** Ends an execution as TIMED_OUT: unlike a state's States.Timeout, no Catch of the definition sees it. */
    static final class ExecutionTimedOut extends Exception {
        private static final long serialVersionUID = 1L;

        ExecutionTimedOut() {
            super(null, null, false, false);
        }
    }

    public String name() {
        return name;
    }

    JsonNode run(Execution execution) throws StatesError, InterruptedException, ExecutionTimedOut {
        if (timeout.isEmpty()) {
            return graph.run(execution.input(), execution);
        }
        try {
            return TimeLimit.run("asl-execution-" + execution.name(), timeout.get(),
                    () -> graph.run(execution.input(), execution));
        } catch (TimeoutException e) {
            throw new ExecutionTimedOut();
        }
    }
}
