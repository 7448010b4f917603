package dev.omniarchitect.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.artifact.GeneratedFile;
import dev.omniarchitect.batch.BatchItem;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.batch.InvalidBatchException;
import dev.omniarchitect.cache.CacheKey;
import dev.omniarchitect.cache.dynamodb.DynamoDbCacheStore;
import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.JobSummary;
import dev.omniarchitect.job.dynamodb.DynamoDbJobStore;
import dev.omniarchitect.json.CompressedJson;
import dev.omniarchitect.kind.AnswerParser;
import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.kind.UserPrompt;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.blueprint.BlueprintProvider;
import dev.omniarchitect.validation.ValidatorRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;

/**
 * What each function primes before SnapStart's snapshot: its own request path, as far as that goes
 * without side effects. Jackson on the function's real event, outcome and record types; the AWS SDK's
 * request path, with reads of keys that cannot exist and writes conditional on items that do not exist
 * (their refusals are the expected answers); the provider path (prompts, cache keys, answer parsing,
 * validation, compression, the response format and error mapping) with no network call to any provider.
 * Nothing here makes an id, a key or any other value that must be unique: those are made per request,
 * after a restore.
 */
public final class FunctionPriming {

    /** A well-formed job id no job can have: job ids start with the time they were made. */
    static final String NO_JOB = "20000101-000000-00000000";
    static final String NO_ITEM = "snapstart-priming";
    /** A well-formed cache key no item hashes to in practice. */
    static final String NO_CACHE_KEY = "0".repeat(64);

    private static final String ANSWER = """
            Here are the files.

            ```yaml path=priming/example.yaml
            name: priming
            ```

            ```
            FROM scratch
            ```
            """;
    private static final TypeReference<List<GeneratedFile>> FILES = new TypeReference<>() {
    };
    private static final TypeReference<ItemResult> RESULT = new TypeReference<>() {
    };

    private FunctionPriming() {
    }

    /** ApiFunction: its own handler, with a document it refuses and a job it cannot find. */
    public static Priming api(FunctionServices services, RequestStreamHandler handler) {
        return new Priming("ApiFunction", List.of(
                new Priming.Step("documents", () -> documents(services)),
                new Priming.Step("refused-post", () -> invoke(services, handler, httpEvent(services.mapper(), "POST",
                        "/v1/generations", "{\"items\": []}"))),
                new Priming.Step("missing-job", () -> invoke(services, handler, httpEvent(services.mapper(), "GET",
                        "/v1/generations/" + NO_JOB, null))),
                new Priming.Step("refused-put", () -> refusedPut(services, services.config().jobsTable(), jobsKey())),
                new Priming.Step("refused-update", () -> refusedUpdate(services, services.config().jobsTable(),
                        jobsKey())),
                new Priming.Step("refused-start", () -> refusedStart(services))), services.log());
    }

    /**
     * ProviderCallFunction: the stores' reads, the item's records, the provider path offline, in the order an
     * item takes them (its request and the cache first, the answer's parsing and validation last).
     */
    public static Priming providerCall(FunctionServices services) {
        return new Priming("ProviderCallFunction", List.of(
                new Priming.Step("requests-read", () -> services.jobs().loadItems(NO_JOB).join()),
                new Priming.Step("request-read", () -> expectMiss(() -> services.jobs().loadItem(NO_JOB, NO_ITEM)
                        .join())),
                new Priming.Step("cache-read", () -> services.cache().find(NO_CACHE_KEY, services.clock().instant())
                        .join()),
                new Priming.Step("documents", () -> documents(services)),
                new Priming.Step("records", () -> records(services)),
                new Priming.Step("provider-path", () -> providerPath(services)),
                new Priming.Step("refused-cache-put", () -> refusedPut(services, services.config().cacheTable(),
                        cacheKey())),
                new Priming.Step("refused-cache-update", () -> refusedUpdate(services, services.config().cacheTable(),
                        cacheKey())),
                new Priming.Step("refused-result-put", () -> refusedPut(services, services.config().jobsTable(),
                        jobsKey()))), services.log());
    }

    /** AggregateFunction: the records it reads and writes, and its own handler on a job it cannot find. */
    public static Priming aggregate(FunctionServices services, RequestStreamHandler handler) {
        return new Priming("AggregateFunction", List.of(
                new Priming.Step("records", () -> records(services)),
                new Priming.Step("result-read", () -> services.jobs().loadResult(NO_JOB, NO_ITEM).join()),
                new Priming.Step("missing-job", () -> expectMiss(() -> invoke(services, handler,
                        services.mapper().createObjectNode().put("jobId", NO_JOB)
                                .put("executionStartTime", "2000-01-01T00:00:00Z")
                                .set("outcomes", services.mapper().createArrayNode()
                                        .add(services.mapper().createObjectNode().put("itemId", NO_ITEM)))))),
                new Priming.Step("refused-put", () -> refusedPut(services, services.config().jobsTable(), jobsKey())),
                new Priming.Step("refused-update", () -> refusedUpdate(services, services.config().jobsTable(),
                        jobsKey()))), services.log());
    }

    /** ReconcileFunction: the reads it makes and its own handler on a job it cannot find. */
    public static Priming reconcile(FunctionServices services, RequestStreamHandler handler) {
        return new Priming("ReconcileFunction", List.of(
                new Priming.Step("records", () -> records(services)),
                new Priming.Step("missing-job", () -> invoke(services, handler, services.mapper().createObjectNode()
                        .put("jobId", NO_JOB).put("status", "FAILED").put("error", "States.Runtime"))),
                new Priming.Step("refused-update", () -> refusedUpdate(services, services.config().jobsTable(),
                        jobsKey()))), services.log());
    }

    /**
     * A batch document for each kind, parsed and validated, its items through JSON and back. A kind whose
     * plain item is not enough (one that needs an input to review, say) primes the refusal instead.
     */
    private static List<BatchItem> documents(FunctionServices services) throws IOException {
        ObjectMapper mapper = services.mapper();
        List<BatchItem> items = new ArrayList<>();
        for (String kind : services.kinds().names()) {
            ObjectNode document = mapper.createObjectNode();
            document.putArray("items").addObject().put("id", "priming-" + kind).put("kind", kind)
                    .put("prompt", "a " + kind + " for a service named priming").putObject("params")
                    .put("name", "priming").put("port", 8080);
            try {
                items.addAll(services.batchParser().parse(document.toString(), BatchOverrides.NONE).items());
            } catch (InvalidBatchException refused) {
                // The validation that refused it is primed all the same.
            }
        }
        for (BatchItem item : items) {
            mapper.readValue(mapper.writeValueAsString(item), BatchItem.class);
        }
        return items;
    }

    /** An item's result and outcome as they are stored and returned, and a job summary of it. */
    private static void records(FunctionServices services) throws IOException {
        ObjectMapper mapper = services.mapper();
        CompressedJson compressed = new CompressedJson(mapper);
        ItemResult result = mapper.readValue("""
                {"id": "priming", "kind": "kubernetes", "status": "SUCCEEDED", "cached": false,
                 "provider": "openai", "model": "priming", "durationMs": 1,
                 "attempts": [{"provider": "openai", "model": "priming", "outcome": "ok", "ms": 1}],
                 "usage": {"inputTokens": 1, "outputTokens": 1},
                 "files": [{"path": "deployment.yaml", "content": "kind: Deployment"}]}
                """, ItemResult.class);
        compressed.decode(compressed.encode(result), RESULT);
        ItemOutcome outcome = mapper.readValue(mapper.writeValueAsString(ItemOutcome.of(result, "priming")),
                ItemOutcome.class);
        mapper.writeValueAsBytes(outcome);
        mapper.valueToTree(JobSummary.of(List.of(outcome), 1));
    }

    /**
     * The provider path up to the network and from it: each kind's prompt and cache key, a Chat
     * Completions answer as a provider sends it (the kind's blueprint files, so that its validator runs as far
     * as it does on a sound answer, not only to its first refusal), read, split into files, validated as its
     * kind and compressed as cached, and the mapping of provider failures to error codes.
     */
    private static void providerPath(FunctionServices services) throws IOException {
        ObjectMapper mapper = services.mapper();
        AnswerParser answers = new AnswerParser();
        CompressedJson compressed = new CompressedJson(mapper);
        // The functions' registry is built alike; the parsers behind it are what there is to load.
        ValidatorRegistry validators = ValidatorRegistry.builtIn();
        BlueprintProvider blueprints = BlueprintProvider.builtIn();
        for (BatchItem item : documents(services)) {
            Kind kind = services.kinds().get(item.kind());
            UserPrompt.of(item.prompt(), item.params());
            CacheKey.of(item, kind);
            String content = blueprints.supports(kind.name()) ? blueprints.answerText(kind.name(), item.params())
                    : ANSWER;
            ObjectNode response = mapper.createObjectNode();
            response.putArray("choices").addObject().put("finish_reason", "stop").putObject("message")
                    .put("role", "assistant").put("content", content);
            response.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1);
            JsonNode read = mapper.readTree(mapper.writeValueAsBytes(response));
            List<GeneratedFile> files = answers.parse(kind, read.path("choices").path(0).path("message")
                    .path("content").asText());
            if (validators.supports(kind.name())) {
                validators.validate(kind.name(), files);
            }
            compressed.decode(compressed.encode(files), FILES);
        }
        for (int status : new int[] {400, 401, 404, 429, 500, 503}) {
            HttpFailures.forStatus(status);
        }
        HttpFailures.forThrowable("priming", new CompletionException(new ConnectException("priming")));
        // Deadlines: the first orTimeout starts the JDK's timer thread, which belongs in the snapshot.
        new CompletableFuture<Void>().orTimeout(1, TimeUnit.DAYS).complete(null);
    }

    /**
     * A put that cannot happen: it is conditional on the item existing, and the item does not, so
     * DynamoDB refuses it without writing anything, after the client's whole request path has run.
     */
    private static void refusedPut(FunctionServices services, String table, Map<String, AttributeValue> key)
            throws Exception {
        expectMiss(() -> services.aws().dynamoDb().putItem(request -> request.tableName(table).item(key)
                .conditionExpression("attribute_exists(#key)")
                .expressionAttributeNames(Map.of("#key", anyKeyName(key)))).join());
    }

    /** An update that cannot happen, for the same reason. */
    private static void refusedUpdate(FunctionServices services, String table, Map<String, AttributeValue> key)
            throws Exception {
        expectMiss(() -> services.aws().dynamoDb().updateItem(request -> request.tableName(table).key(key)
                .updateExpression("SET #primed = :primed")
                .conditionExpression("attribute_exists(#key)")
                .expressionAttributeNames(Map.of("#key", anyKeyName(key), "#primed", "primedAt"))
                .expressionAttributeValues(Map.of(":primed", AttributeValue.fromS("priming")))).join());
    }

    /** Any of the key's attributes: the item does not exist, so none of them does. */
    private static String anyKeyName(Map<String, AttributeValue> key) {
        return key.keySet().iterator().next();
    }

    /**
     * StartExecution of a state machine alias that does not exist: Step Functions (or IAM, which grants
     * only the real state machine) refuses it, after the client's whole request path has run.
     */
    private static void refusedStart(FunctionServices services) throws Exception {
        SfnAsyncClient stepFunctions = services.aws().stepFunctions();
        String stateMachine = services.config().stateMachineArn();
        if (stepFunctions == null || stateMachine == null) {
            return;
        }
        expectMiss(() -> stepFunctions.startExecution(request -> request
                .stateMachineArn(stateMachine + ":" + NO_ITEM).name(NO_ITEM).input("{}")).join());
    }

    private static Map<String, AttributeValue> cacheKey() {
        return Map.of(DynamoDbCacheStore.KEY, AttributeValue.fromS(NO_CACHE_KEY));
    }

    private static Map<String, AttributeValue> jobsKey() {
        return Map.of(DynamoDbJobStore.PARTITION_KEY, AttributeValue.fromS(NO_JOB),
                DynamoDbJobStore.SORT_KEY, AttributeValue.fromS(NO_ITEM));
    }

    private static void invoke(FunctionServices services, RequestStreamHandler handler, JsonNode event)
            throws IOException {
        handler.handleRequest(new ByteArrayInputStream(services.mapper().writeValueAsBytes(event)),
                new ByteArrayOutputStream(), null);
    }

    /** An HTTP API (payload format 2.0) event. */
    private static JsonNode httpEvent(ObjectMapper mapper, String method, String path, String body) {
        ObjectNode event = mapper.createObjectNode().put("version", "2.0").put("routeKey", method + " " + path)
                .put("rawPath", path).put("isBase64Encoded", false);
        event.putObject("headers").put("content-type", "application/json");
        event.putObject("requestContext").putObject("http").put("method", method).put("path", path);
        if (body != null) {
            event.put("body", body);
        }
        return event;
    }

    /** Runs a read of something that does not exist, whose failure is the expected answer. */
    private static void expectMiss(Priming.Action read) throws Exception {
        try {
            read.run();
        } catch (RuntimeException expected) {
            // The miss took the same path as a hit up to the answer, which is all priming is for.
        }
    }
}
