package dev.omniarchitect.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Distributed Map: its items read from S3 (ItemReader: a JSON array or JSON Lines) or taken from its input,
 * each item (or batch of items, with ItemBatcher) run as a child execution of the processor, at most
 * MaxConcurrency at once, failures tolerated up to ToleratedFailureCount / ToleratedFailurePercentage, results in
 * the output or written to S3 (ResultWriter). Items are read as workers take them and exported results are
 * written as children end, so the Map's memory does not grow with its items.
 */
record DistributedMapState(FilterPath inputPath, Optional<PathExpression> itemsPath, Optional<Reader> reader,
                           Optional<PayloadTemplate> itemSelector, Optional<Batcher> batcher, StateGraph processor,
                           int maxConcurrency, Optional<Integer> toleratedFailureCount,
                           Optional<Double> toleratedFailurePercentage, String label, Optional<Writer> writer,
                           ResultProcessing results, ErrorHandling errorHandling, Transition transition)
        implements State {

    /** Step Functions runs at most this many child executions of a Distributed Map at once. */
    static final int MAX_CONCURRENCY = 10_000;
    /**
     * Child executions this executor runs at once at most, whatever MaxConcurrency allows: each holds a thread
     * while its functions run, and "at most" is kept with fewer.
     */
    static final int LOCAL_WORKERS = 64;
    /** The largest input of one child execution, as for any state. */
    static final int MAX_BATCH_BYTES = 262_144;

    private static final Set<String> FIELDS = Set.of("Type", "Comment", "Next", "End", "InputPath", "OutputPath",
            "ItemsPath", "ItemReader", "ItemSelector", "ItemBatcher", "ItemProcessor", "MaxConcurrency",
            "ToleratedFailureCount", "ToleratedFailurePercentage", "Label", "ResultWriter", "ResultPath",
            "ResultSelector", "Retry", "Catch");

    /** ItemReader: the object the items are in, and how to read it. */
    record Reader(PayloadTemplate parameters, boolean jsonLines, long maxItems) {
    }

    /** ItemBatcher: how many items (and input bytes) one child execution takes, and what it gets beside them. */
    record Batcher(int maxItems, int maxBytes, Optional<PayloadTemplate> batchInput) {
    }

    /** ResultWriter: where results go (none: into the output) and in what form. */
    record Writer(Optional<PayloadTemplate> parameters, ChildRun.Transformation transformation, boolean jsonLines) {
    }

    static DistributedMapState parse(FieldReader where, DefinitionParser parser) {
        where.allowOnly(FIELDS);
        if (where.has("ItemReader") && where.has("ItemsPath")) {
            throw where.invalid("ItemsPath", "cannot be combined with field \"ItemReader\"");
        }
        FieldReader processor = where.object("ItemProcessor");
        processor.allowOnly(Set.of("ProcessorConfig", "StartAt", "States", "Comment"));
        FieldReader config = processor.object("ProcessorConfig");
        config.allowOnly(Set.of("Mode", "ExecutionType"));
        String executionType = config.optionalString("ExecutionType").orElse("STANDARD");
        if (!Set.of("STANDARD", "EXPRESS").contains(executionType)) {
            throw config.unsupportedValue("ExecutionType", executionType);
        }
        Optional<Double> percentage = Optional.empty();
        if (where.has("ToleratedFailurePercentage")) {
            JsonNode value = where.value("ToleratedFailurePercentage");
            if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 100) {
                throw where.invalid("ToleratedFailurePercentage", "must be a number from 0 to 100");
            }
            percentage = Optional.of(value.doubleValue());
        }
        int maxConcurrency = where.optionalCount("MaxConcurrency", 0).orElse(0);
        if (maxConcurrency > MAX_CONCURRENCY) {
            throw where.invalid("MaxConcurrency", "must be at most " + MAX_CONCURRENCY + " in a Distributed Map");
        }
        return new DistributedMapState(FilterPath.parse(where, "InputPath"),
                where.has("ItemReader") ? Optional.empty()
                        : Optional.of(PathExpression.parse(where.optionalString("ItemsPath").orElse("$"), where,
                                "ItemsPath")),
                where.has("ItemReader") ? Optional.of(reader(where.object("ItemReader"))) : Optional.empty(),
                where.has("ItemSelector") ? Optional.of(PayloadTemplate.parse(where, "ItemSelector")) : Optional.empty(),
                where.has("ItemBatcher") ? Optional.of(batcher(where.object("ItemBatcher"))) : Optional.empty(),
                parser.graph(processor),
                maxConcurrency,
                where.optionalCount("ToleratedFailureCount", 0),
                percentage,
                label(where),
                where.has("ResultWriter") ? Optional.of(writer(where.object("ResultWriter"))) : Optional.empty(),
                ResultProcessing.parse(where),
                ErrorHandling.parse(where),
                Transition.parse(where));
    }

    /** Step Functions' rule for a Map Run's label: up to 40 characters, none that an ARN or a URL would mangle. */
    private static String label(FieldReader where) {
        String label = where.optionalString("Label").orElse("");
        if (label.length() > 40 || !label.matches("[A-Za-z0-9_.-]*")) {
            throw where.invalid("Label", "must be at most 40 letters, digits, '_', '.' or '-'");
        }
        return label;
    }

    private static Reader reader(FieldReader where) {
        where.allowOnly(Set.of("Resource", "ReaderConfig", "Parameters"));
        String resource = where.string("Resource");
        if (!resource.equals("arn:aws:states:::s3:getObject")) {
            throw where.unsupportedValue("Resource", resource);
        }
        boolean jsonLines = false;
        long maxItems = Long.MAX_VALUE;
        if (where.has("ReaderConfig")) {
            FieldReader config = where.object("ReaderConfig");
            config.allowOnly(Set.of("InputType", "MaxItems"));
            String type = config.string("InputType");
            if (!Set.of("JSON", "JSONL").contains(type)) {
                throw config.unsupportedValue("InputType", type);
            }
            jsonLines = type.equals("JSONL");
            maxItems = config.optionalCount("MaxItems", 1).map(Integer::longValue).orElse(Long.MAX_VALUE);
        }
        FieldReader parameters = where.object("Parameters");
        parameters.allowOnly(Set.of("Bucket", "Bucket.$", "Key", "Key.$"));
        return new Reader(PayloadTemplate.parse(where, "Parameters"), jsonLines, maxItems);
    }

    private static Batcher batcher(FieldReader where) {
        where.allowOnly(Set.of("MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput"));
        if (!where.has("MaxItemsPerBatch") && !where.has("MaxInputBytesPerBatch")) {
            throw where.invalid("MaxItemsPerBatch", "or MaxInputBytesPerBatch is required");
        }
        int maxBytes = where.optionalCount("MaxInputBytesPerBatch", 1).orElse(MAX_BATCH_BYTES);
        if (maxBytes > MAX_BATCH_BYTES) {
            throw where.invalid("MaxInputBytesPerBatch", "must be at most " + MAX_BATCH_BYTES);
        }
        return new Batcher(where.optionalCount("MaxItemsPerBatch", 1).orElse(Integer.MAX_VALUE), maxBytes,
                where.has("BatchInput") ? Optional.of(PayloadTemplate.parse(where, "BatchInput")) : Optional.empty());
    }

    private static Writer writer(FieldReader where) {
        where.allowOnly(Set.of("Resource", "Parameters", "WriterConfig"));
        if (where.has("Resource") != where.has("Parameters")) {
            throw where.invalid(where.has("Resource") ? "Parameters" : "Resource", "is required with the other");
        }
        if (!where.has("Resource") && !where.has("WriterConfig")) {
            throw where.invalid("WriterConfig", "or Resource and Parameters are required");
        }
        Optional<PayloadTemplate> parameters = Optional.empty();
        if (where.has("Resource")) {
            String resource = where.string("Resource");
            if (!resource.equals("arn:aws:states:::s3:putObject")) {
                throw where.unsupportedValue("Resource", resource);
            }
            where.object("Parameters").allowOnly(Set.of("Bucket", "Bucket.$", "Prefix", "Prefix.$"));
            parameters = Optional.of(PayloadTemplate.parse(where, "Parameters"));
        }
        // Exported results are whole execution records unless told otherwise; results in the output, outputs.
        ChildRun.Transformation transformation = parameters.isPresent() ? ChildRun.Transformation.NONE
                : ChildRun.Transformation.COMPACT;
        boolean jsonLines = false;
        if (where.has("WriterConfig")) {
            FieldReader config = where.object("WriterConfig");
            config.allowOnly(Set.of("Transformation", "OutputType"));
            if (config.has("Transformation")) {
                String value = config.string("Transformation");
                try {
                    transformation = ChildRun.Transformation.valueOf(value);
                } catch (IllegalArgumentException e) {
                    throw config.unsupportedValue("Transformation", value);
                }
            }
            String outputType = config.optionalString("OutputType").orElse("JSON");
            if (!Set.of("JSON", "JSONL").contains(outputType)) {
                throw config.unsupportedValue("OutputType", outputType);
            }
            if (outputType.equals("JSONL") && parameters.isEmpty()) {
                throw config.invalid("OutputType", "JSONL needs Resource and Parameters: only a file has lines");
            }
            jsonLines = outputType.equals("JSONL");
        }
        return new Writer(parameters, transformation, jsonLines);
    }

    @Override
    public StateOutcome execute(JsonNode input, StateContext state) throws StatesError, InterruptedException {
        return errorHandling.run(input, state, attempt -> {
            Scope scope = attempt.scope(input);
            JsonNode mapInput = inputPath.apply(scope);
            Scope mapScope = scope.withInput(mapInput);
            Execution parent = attempt.execution();
            String mapRunId = UUID.randomUUID().toString();
            String mapRunArn = parent.mapRunArn(label.isEmpty() ? attempt.stateName() : label, mapRunId);
            ObjectStore store = parent.services().objectStore();
            try (ItemSource items = items(mapScope, store);
                 MapRunResults runResults = results(mapScope, store, mapRunId, mapRunArn)) {
                Tally tally = new Tally();
                Batches batches = new Batches(items, attempt, mapInput);
                int workers = Math.min(maxConcurrency == 0 ? MAX_CONCURRENCY : maxConcurrency, LOCAL_WORKERS);
                runChildren(workers, parent, attempt.stateName() + "-" + mapRunId.substring(0, 8), batches,
                        runResults, tally);
                long total = items.count();
                if (tally.exceeded(total, true)) {
                    throw exceeded(attempt.stateName(), tally, total);
                }
                return transition.outcome(results.output(input, runResults.result(), scope));
            } catch (IOException e) {
                throw new StatesError(StatesError.RESULT_WRITER_FAILED, "the results of Map state '"
                        + attempt.stateName() + "' cannot be written: " + e.getMessage());
            }
        });
    }

    private ItemSource items(Scope mapScope, ObjectStore store) throws StatesError {
        if (reader.isEmpty()) {
            JsonNode items = itemsPath.orElseThrow().evaluate(mapScope);
            if (!items.isArray()) {
                throw StatesError.runtime(mapScope.stateName(), "The ItemsPath '" + itemsPath.get().text()
                        + "' selected " + items.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an array.");
            }
            return ItemSource.of(items);
        }
        JsonNode location = reader.get().parameters().evaluate(mapScope);
        String bucket = location.path("Bucket").asText("");
        String key = location.path("Key").asText("");
        String where = "s3://" + bucket + "/" + key;
        InputStream in;
        try {
            in = store.read(bucket, key);
        } catch (IOException e) {
            throw new StatesError(ItemSource.READER_FAILED, where + " cannot be read: " + (e
                    instanceof java.nio.file.NoSuchFileException ? "there is no such object" : e.getMessage()));
        }
        return reader.get().jsonLines() ? ItemSource.jsonLines(in, where, reader.get().maxItems())
                : ItemSource.jsonArray(in, where, reader.get().maxItems());
    }

    private MapRunResults results(Scope mapScope, ObjectStore store, String mapRunId, String mapRunArn)
            throws StatesError {
        if (writer.isEmpty()) {
            return MapRunResults.inOutput(ChildRun.Transformation.COMPACT);
        }
        Writer config = writer.get();
        if (config.parameters().isEmpty()) {
            return MapRunResults.inOutput(config.transformation());
        }
        JsonNode location = config.parameters().get().evaluate(mapScope);
        return MapRunResults.exported(store, location.path("Bucket").asText(""), location.path("Prefix").asText(""),
                mapRunId, mapRunArn, config.transformation(), config.jsonLines());
    }

    /** The children's inputs, an item or a batch each, taken by the workers in turn. */
    private final class Batches {
        private final ItemSource items;
        private final StateContext attempt;
        private final JsonNode mapInput;
        private long nextIndex;
        private long nextBatch;
        private JsonNode pending;

        Batches(ItemSource items, StateContext attempt, JsonNode mapInput) {
            this.items = items;
            this.attempt = attempt;
            this.mapInput = mapInput;
        }

        /** The next child's input and how many items it carries; empty when there are no more. */
        synchronized Optional<Child> next() throws StatesError {
            if (batcher.isEmpty()) {
                Optional<JsonNode> item = items.next();
                if (item.isEmpty()) {
                    return Optional.empty();
                }
                long index = nextIndex++;
                return Optional.of(new Child(index, selected(index, item.get()), 1));
            }
            Batcher config = batcher.get();
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            if (config.batchInput().isPresent()) {
                input.set("BatchInput", config.batchInput().get().evaluate(attempt.scope(mapInput)));
            }
            ArrayNode batch = input.putArray("Items");
            int bytes = JsonText.utf8Size(input);
            while (batch.size() < config.maxItems()) {
                JsonNode item = pending != null ? pending : items.next().map(found -> selected(nextIndex++, found))
                        .orElse(null);
                pending = null;
                if (item == null) {
                    break;
                }
                int itemBytes = JsonText.utf8Size(item) + (batch.isEmpty() ? 0 : 1);
                if (bytes + itemBytes > config.maxBytes()) {
                    if (batch.isEmpty()) {
                        throw StatesError.runtime(attempt.stateName(), "Item " + (nextIndex - 1) + " alone is "
                                + itemBytes + " bytes, more than the MaxInputBytesPerBatch of " + config.maxBytes()
                                + ".");
                    }
                    pending = item;
                    break;
                }
                batch.add(item);
                bytes += itemBytes;
            }
            return batch.isEmpty() ? Optional.empty() : Optional.of(new Child(nextBatch++, input, batch.size()));
        }

        private JsonNode selected(long index, JsonNode item) {
            try {
                return itemSelector.isEmpty() ? item
                        : MapState.select(itemSelector.get(), attempt, mapInput, Math.toIntExact(index), item);
            } catch (StatesError e) {
                throw new SelectorFailed(e);
            }
        }
    }

    /** A child execution's input, its place among the children, and the items it carries. */
    private record Child(long index, JsonNode input, int items) {
    }

    /** An ItemSelector that failed while a batch was filled; unwrapped by the worker. */
    private static final class SelectorFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SelectorFailed(StatesError cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Failed items against the tolerance. */
    private final class Tally {
        private final AtomicLong failedItems = new AtomicLong();

        void failed(int items) {
            failedItems.addAndGet(items);
        }

        long failed() {
            return failedItems.get();
        }

        /** Whether the failures are beyond what is tolerated; the percentage only once the total is known. */
        boolean exceeded(long total, boolean totalKnown) {
            long failed = failedItems.get();
            if (failed == 0) {
                return false;
            }
            if (toleratedFailureCount.isEmpty() && toleratedFailurePercentage.isEmpty()) {
                return true;
            }
            boolean overCount = toleratedFailureCount.map(count -> failed > count).orElse(false);
            boolean overPercentage = totalKnown && toleratedFailurePercentage
                    .map(percentage -> failed * 100.0 > percentage * total).orElse(false);
            return overCount || overPercentage;
        }
    }

    private static StatesError exceeded(String stateName, Tally tally, long total) {
        return new StatesError(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD, "The Map Run of state '" + stateName
                + "' failed: " + tally.failed() + " of " + total + " items failed, more than its tolerated failure "
                + "threshold.");
    }

    /** Runs the children on the Map's workers until the items run out or the failures pass the tolerated count. */
    private void runChildren(int workers, Execution parent, String threadPrefix, Batches batches,
                             MapRunResults runResults, Tally tally) throws StatesError, InterruptedException {
        Workers.run(threadPrefix, workers, () -> {
            Optional<Child> child = next(batches);
            if (child.isEmpty()) {
                return Workers.Next.DONE;
            }
            ChildRun ended = runChild(parent, child.get());
            runResults.add(ended);
            if (!ended.succeeded()) {
                tally.failed(child.get().items());
                if (tally.exceeded(0, false)) {
                    return Workers.Next.STOP;
                }
            }
            return Workers.Next.MORE;
        });
    }

    private static Optional<Child> next(Batches batches) throws StatesError {
        try {
            return batches.next();
        } catch (SelectorFailed e) {
            throw (StatesError) e.getCause();
        }
    }

    private ChildRun runChild(Execution parent, Child child) throws InterruptedException {
        Instant start = parent.services().clock().instant().truncatedTo(ChronoUnit.MILLIS);
        String name = parent.name() + "-" + child.index();
        Execution execution = parent.child(name, start, child.input());
        try {
            JsonNode output = processor.run(child.input(), execution);
            return new ChildRun(child.index(), execution.arn(), name, parent.stateMachineArn(), child.input(), output,
                    null, start, parent.services().clock().instant());
        } catch (StatesError failure) {
            return new ChildRun(child.index(), execution.arn(), name, parent.stateMachineArn(), child.input(), null,
                    failure, start, parent.services().clock().instant());
        }
    }
}
