package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** An inline Map state, which runs its processor on every item of an array, some at a time. */
record MapState(FilterPath inputPath, PathExpression itemsPath, Optional<PayloadTemplate> itemSelector,
                StateGraph processor, int maxConcurrency, ResultProcessing results, ErrorHandling errorHandling,
                Transition transition) implements State {
    /** Step Functions runs at most this many iterations of an inline Map at once, whatever MaxConcurrency says. */
    static final int MAX_INLINE_CONCURRENCY = 40;

    private static final Set<String> FIELDS = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath",
            "ItemsPath", "ItemSelector", "Parameters", "ItemProcessor", "Iterator", "MaxConcurrency", "ResultPath",
            "ResultSelector", "Retry", "Catch");
    private static final List<String> DISTRIBUTED_ONLY = List.of("ItemReader", "ItemBatcher", "ResultWriter",
            "ToleratedFailureCount", "ToleratedFailurePercentage", "Label");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("ProcessorConfig", "StartAt", "States", "Comment");

    static MapState parse(FieldReader where, DefinitionParser parser) {
        // Step Functions itself refuses these in an inline Map: the message says where they belong.
        for (String field : DISTRIBUTED_ONLY) {
            if (where.has(field)) {
                throw where.invalid(field, "belongs to a Distributed Map (ItemProcessor.ProcessorConfig.Mode "
                        + "\"DISTRIBUTED\"), not an inline one");
            }
        }
        where.allowOnly(FIELDS);
        return new MapState(FilterPath.parse(where, "InputPath"),
                PathExpression.parse(where.optionalString("ItemsPath").orElse("$"), where, "ItemsPath"),
                itemSelector(where),
                processor(where, parser),
                where.optionalCount("MaxConcurrency", 0).orElse(0),
                ResultProcessing.parse(where),
                ErrorHandling.parse(where),
                Transition.parse(where));
    }

    // ItemSelector took over from Parameters; a Map may use either, not both.
    private static Optional<PayloadTemplate> itemSelector(FieldReader where) {
        if (where.has("ItemSelector") && where.has("Parameters")) {
            throw where.invalid("Parameters", "cannot be combined with field \"ItemSelector\"");
        }
        String field = where.has("Parameters") ? "Parameters" : "ItemSelector";
        return where.has(field) ? Optional.of(PayloadTemplate.parse(where, field)) : Optional.empty();
    }

    // ItemProcessor took over from Iterator; a Map needs exactly one of them.
    private static StateGraph processor(FieldReader where, DefinitionParser parser) {
        if (where.has("ItemProcessor") && where.has("Iterator")) {
            throw where.invalid("Iterator", "cannot be combined with field \"ItemProcessor\"");
        }
        FieldReader processor = where.object(where.has("Iterator") ? "Iterator" : "ItemProcessor");
        processor.allowOnly(where.has("ItemProcessor") ? PROCESSOR_FIELDS : Set.of("StartAt", "States", "Comment"));
        if (processor.has("ProcessorConfig")) {
            FieldReader config = processor.object("ProcessorConfig");
            config.allowOnly(Set.of("Mode"));
            String mode = config.optionalString("Mode").orElse("INLINE");
            if (!mode.equals("INLINE")) {
                throw config.unsupportedValue("Mode", mode);
            }
        }
        return parser.graph(processor);
    }

    @Override
    public StateOutcome execute(JsonNode input, StateContext state) throws StatesError, InterruptedException {
        return errorHandling.run(input, state, attempt -> {
            Scope scope = attempt.scope(input);
            JsonNode mapInput = inputPath.apply(scope);
            JsonNode items = itemsPath.evaluate(scope.withInput(mapInput));
            if (!items.isArray()) {
                throw StatesError.runtime(attempt.stateName(), "The ItemsPath '" + itemsPath.text()
                        + "' selected " + items.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an array.");
            }
            int workers = maxConcurrency == 0 ? MAX_INLINE_CONCURRENCY
                    : Math.min(maxConcurrency, MAX_INLINE_CONCURRENCY);
            String threadNames = "asl-map-" + attempt.execution().name() + "-" + attempt.stateName();
            List<JsonNode> outputs = new MapRun(threadNames, workers, items.size(), index -> processor.run(
                    iterationInput(attempt, mapInput, index, items.get(index)), attempt.execution())).run();
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            result.addAll(outputs);
            return transition.outcome(results.output(input, result, scope));
        });
    }

    private JsonNode iterationInput(StateContext attempt, JsonNode mapInput, int index, JsonNode item)
            throws StatesError {
        return itemSelector.isEmpty() ? item : select(itemSelector.get(), attempt, mapInput, index, item);
    }

    /** An item through a Map's ItemSelector, which sees the Map's input as $ and the item as $$.Map.Item. */
    static JsonNode select(PayloadTemplate itemSelector, StateContext attempt, JsonNode mapInput, int index,
                           JsonNode item) throws StatesError {
        ObjectNode context = attempt.contextObject();
        ObjectNode mapItem = context.putObject("Map").putObject("Item");
        mapItem.put("Index", index);
        mapItem.set("Value", item);
        return itemSelector.evaluate(new Scope(attempt.stateName(), mapInput, context));
    }
}
