package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.omniarchitect.batch.BatchOverrides;
import dev.omniarchitect.job.Owner;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.dynamodb.EmbeddedDynamoDb;
import dev.omniarchitect.local.runtime.LocalPipeline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file in events/ is accepted by its function through {@code omni invoke}, as under {@code sam local invoke}. */
class InvokeCommandTest {

    private static final Path EVENTS = Path.of("..", "events");
    /** The job the function events name, and the items of events/batch-request.json. */
    private static final String JOB = "20261126-175432-3f9a1c2b";

    /** One DynamoDB Local for the class, reached the way users reach another DynamoDB: every invocation starts fast. */
    private static EmbeddedDynamoDb dynamoDb;

    @TempDir
    Path temp;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = EmbeddedDynamoDb.inMemory();
    }

    @AfterAll
    static void stopDynamoDb() {
        dynamoDb.close();
    }

    @AfterEach
    void stopEngine() {
        TestEngines.stop(temp.resolve("data"));
    }

    private Map<String, String> environment() {
        return Map.of("OMNI_DATA_DIR", temp.resolve("data").toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString(),
                "JOBS_TABLE", "jobs-" + temp.getFileName(), "CACHE_TABLE", "cache-" + temp.getFileName());
    }

    @Test
    void everyEventIsAcceptedByItsFunction() throws IOException {
        // The engine first, the job after: a job stored before the engine started would be one an earlier engine
        // left unfinished, which this one resumes and runs on its own, out of the order the events below follow.
        invoke("ApiFunction", "api-get-providers.json", 0);
        seedTheJobTheEventsName();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        // In the order a job lives: one item generated, its execution timed out (reconciled), then aggregated
        // anyway (as a replayed Aggregate would), then the API's reads and writes.
        Map<String, String> functions = Map.of("provider-call.json", "ProviderCallFunction",
                "execution-status-change.json", "ReconcileFunction", "aggregate.json", "AggregateFunction");
        for (String event : new String[] {"provider-call.json", "execution-status-change.json", "aggregate.json"}) {
            answers.put(event, invoke(functions.get(event), event, 0));
        }
        for (String event : new String[] {"api-get-generation.json", "api-get-bundle.json", "api-get-file.json",
                "api-post-generations.json", "api-rest-post-generations.json", "api-post-generations-sync.json", "api-get-cache-stats.json",
                "api-get-providers.json", "api-delete-cache-entry.json", "api-post-cache-purge.json",
                "scheduled-run.json"}) {
            answers.put(event, invoke("ApiFunction", event, 0));
        }

        assertEquals("SUCCEEDED", answers.get("provider-call.json").path("status").asText());
        assertEquals("FAILED", answers.get("execution-status-change.json").path("status").asText());
        assertTrue(answers.get("execution-status-change.json").path("reconciled").asBoolean());
        assertEquals("PARTIAL", answers.get("aggregate.json").path("status").asText(),
                "orders-k8s failed in the Map and the rest never ran");
        assertEquals(200, status(answers, "api-get-generation.json"));
        JsonNode bundle = answers.get("api-get-bundle.json");
        assertEquals(200, bundle.path("statusCode").asInt());
        assertTrue(bundle.path("isBase64Encoded").asBoolean());
        assertEquals('P', (char) Base64.getDecoder().decode(bundle.path("body").asText())[0], "a zip");
        assertEquals(200, status(answers, "api-get-file.json"));
        assertTrue(answers.get("api-get-file.json").path("body").asText().contains("FROM "));
        assertEquals(202, status(answers, "api-post-generations.json"));
        JsonNode rest = answers.get("api-rest-post-generations.json");
        assertEquals(202, rest.path("statusCode").asInt(), rest.toString());
        assertEquals("application/json", rest.path("multiValueHeaders").path("Content-Type").path(0).asText(),
                "a REST API (payload 1.0) event is answered in payload 1.0: " + rest);
        assertTrue(Json.mapper().readTree(rest.path("body").asText()).path("statusUrl").asText()
                .startsWith("/v1/generations/"), rest.toString());
        JsonNode sync = Json.mapper().readTree(answers.get("api-post-generations-sync.json").path("body").asText());
        assertEquals(200, status(answers, "api-post-generations-sync.json"), sync.toString());
        assertEquals("SUCCEEDED", sync.path("status").asText());
        assertEquals(200, status(answers, "api-get-cache-stats.json"));
        assertEquals(200, status(answers, "api-get-providers.json"));
        assertEquals(204, status(answers, "api-delete-cache-entry.json"),
                "events/api-delete-cache-entry.json must name the cache key of orders-dockerfile of "
                        + "events/batch-request.json with the blueprint defaults; recompute it if keys changed");
        assertEquals(200, status(answers, "api-post-cache-purge.json"));
        JsonNode scheduled = answers.get("scheduled-run.json");
        assertEquals("QUEUED", scheduled.path("status").asText());
        assertFalse(scheduled.path("repeated").asBoolean());

        JsonNode again = invoke("ApiFunction", "scheduled-run.json", 0);
        assertEquals(scheduled.path("jobId"), again.path("jobId"), "a redelivered run is the same job");
        assertTrue(again.path("repeated").asBoolean());
        assertEquals("SUCCEEDED", again.path("status").asText(), "the first delivery's execution has run");

        Set<String> covered = new TreeSet<>(answers.keySet());
        covered.add("batch-request.json");
        assertEquals(eventFiles(), covered, "every file in events/ must be invoked here");
    }

    @Test
    void theEventSamGeneratesForARestApiIsAnsweredInPayloadFormatOne() throws IOException {
        // What `sam local generate-event apigateway aws-proxy` writes (trimmed of identity fields).
        Path event = Files.writeString(temp.resolve("aws-proxy.json"), """
                {"body": "eyJ0ZXN0IjoiYm9keSJ9", "resource": "/{proxy+}", "path": "/path/to/resource",
                 "httpMethod": "POST", "isBase64Encoded": true,
                 "queryStringParameters": {"foo": "bar"}, "multiValueQueryStringParameters": {"foo": ["bar"]},
                 "pathParameters": {"proxy": "/path/to/resource"}, "stageVariables": {"baz": "qux"},
                 "headers": {"Accept": "text/html", "Content-Type": "application/json", "Host": "1234567890.execute-api.us-east-1.amazonaws.com"},
                 "multiValueHeaders": {"Accept": ["text/html"], "Content-Type": ["application/json"]},
                 "requestContext": {"accountId": "123456789012", "resourceId": "123456", "stage": "prod",
                   "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "requestTime": "09/Apr/2015:12:34:56 +0000",
                   "requestTimeEpoch": 1428582896000, "path": "/prod/path/to/resource", "resourcePath": "/{proxy+}",
                   "httpMethod": "POST", "apiId": "1234567890", "protocol": "HTTP/1.1"}}""");

        JsonNode answer = invoke("ApiFunction", event, 0);

        assertEquals(404, answer.path("statusCode").asInt(), answer.toString());
        assertEquals("application/problem+json", answer.path("headers").path("Content-Type").asText());
        assertEquals("application/problem+json", answer.path("multiValueHeaders").path("Content-Type").path(0).asText());
        assertTrue(answer.path("body").asText().contains("no route matches /path/to/resource"), answer.toString());
    }

    @Test
    void theLargestDocumentGoesThroughBothPayloadFormatsAndAScheduledRun() throws IOException {
        String document = LargestBatch.text("invoke");
        ObjectNode http = (ObjectNode) Json.mapper().readTree(EVENTS.resolve("api-post-generations.json").toFile());
        http.put("body", document);
        ObjectNode rest = (ObjectNode) Json.mapper().readTree(EVENTS.resolve("api-rest-post-generations.json").toFile());
        rest.put("body", document);
        ObjectNode scheduled = (ObjectNode) Json.mapper().readTree(EVENTS.resolve("scheduled-run.json").toFile());
        ((ObjectNode) scheduled.path("scheduledRun")).set("document", Json.mapper().readTree(document));

        for (ObjectNode event : new ObjectNode[] {http, rest}) {
            Path file = Files.writeString(temp.resolve("largest-" + event.hashCode() + ".json"), event.toString());
            JsonNode answer = invoke("ApiFunction", file, 0);
            assertEquals(202, answer.path("statusCode").asInt(), answer.path("body").asText());
        }
        Path file = Files.writeString(temp.resolve("largest-scheduled.json"), scheduled.toString());
        JsonNode run = invoke("ApiFunction", file, 0);
        assertEquals("QUEUED", run.path("status").asText(), run.toString());
    }

    @Test
    void aBadDefaultProviderIsBadConfigurationNamingTheVariable() {
        Map<String, String> env = new java.util.HashMap<>(environment());
        env.put("OMNI_DEFAULT_PROVIDER", "bogus");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), env)
                .execute("invoke", "ApiFunction", "--event", EVENTS.resolve("api-get-providers.json").toString());
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("OMNI_DEFAULT_PROVIDER is \"bogus\""), err.toString());
    }

    @Test
    void theBatchDocumentIsAcceptedByOmniRun() {
        Result result = omni("run", EVENTS.resolve("batch-request.json").toString(), "--out",
                temp.resolve("out").toString());
        assertEquals(0, result.status, result.err);
    }

    @Test
    void badInvocationsExitTwoAndFunctionErrorsExitOne() throws IOException {
        Result unknown = omni("invoke", "NoSuchFunction", "--event", EVENTS.resolve("provider-call.json").toString());
        assertEquals(2, unknown.status);
        assertTrue(unknown.err.contains("ApiFunction, ProviderCallFunction, AggregateFunction"), unknown.err);
        assertEquals(2, omni("invoke", "ApiFunction", "--event", temp.resolve("none.json").toString()).status);
        assertEquals(2, omni("invoke", "ApiFunction").status, "--event is required");
        Path notJson = Files.writeString(temp.resolve("bad.json"), "{nope");
        assertEquals(2, omni("invoke", "ApiFunction", "--event", notJson.toString()).status);

        Path empty = Files.writeString(temp.resolve("empty.json"), "");
        Result emptyEvent = omni("invoke", "ApiFunction", "--event", empty.toString());
        assertEquals(2, emptyEvent.status, "--help promises 2 for a bad event file: " + emptyEvent.err);
        assertTrue(emptyEvent.err.contains(empty + " is empty"), emptyEvent.err);

        Path strange = Files.writeString(temp.resolve("strange.json"), "{\"hello\": \"world\"}");
        Result failed = omni("invoke", "ApiFunction", "--event", strange.toString());
        assertEquals(1, failed.status, failed.err);
        JsonNode error = Json.mapper().readTree(failed.out);
        assertEquals("dev.omniarchitect.handler.InvalidEventException", error.path("errorType").asText());
        assertTrue(error.path("errorMessage").asText().contains("scheduledRun"), error.toString());
    }

    private void seedTheJobTheEventsName() throws IOException {
        try (LocalPipeline pipeline = LocalPipeline.builder()
                .environment(environment())
                .dataDirectory(temp.resolve("data"))
                .logOutput(new PrintStream(OutputStream.nullOutputStream()))
                .build()) {
            pipeline.services().jobs().create(JOB, pipeline.services().batchParser().parse(
                    Files.readString(EVENTS.resolve("batch-request.json")), BatchOverrides.NONE), Owner.LOCAL,
                    Instant.now()).join();
        }
    }

    private JsonNode invoke(String function, String event, int expectedStatus) throws IOException {
        return invoke(function, EVENTS.resolve(event), expectedStatus);
    }

    private JsonNode invoke(String function, Path event, int expectedStatus) throws IOException {
        Result result = omni("invoke", function, "--event", event.toString());
        assertEquals(expectedStatus, result.status, event + ": " + result.out + result.err);
        assertFalse(result.err.contains("FAILED"), event + ": " + result.err);
        return Json.mapper().readTree(result.out);
    }

    private static int status(Map<String, JsonNode> answers, String event) {
        return answers.get(event).path("statusCode").asInt();
    }

    private static Set<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private Result omni(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = OmniCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
                environment()).execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    private record Result(int status, String out, String err) {
    }
}
