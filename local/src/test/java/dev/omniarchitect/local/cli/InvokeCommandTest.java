package dev.omniarchitect.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

    private Map<String, String> environment() {
        return Map.of("OMNI_DATA_DIR", temp.resolve("data").toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString(),
                "JOBS_TABLE", "jobs-" + temp.getFileName(), "CACHE_TABLE", "cache-" + temp.getFileName());
    }

    @Test
    void everyEventIsAcceptedByItsFunction() throws IOException {
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
                "api-post-generations.json", "api-post-generations-sync.json", "api-get-cache-stats.json",
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
        Result result = omni("invoke", function, "--event", EVENTS.resolve(event).toString());
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
