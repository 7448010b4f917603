package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.omniarchitect.handler.ApiHandler;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.job.stepfunctions.StepFunctionsExecutionStarter;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.api.LocalApiServer;
import dev.omniarchitect.local.runtime.LocalFunctions;
import dev.omniarchitect.local.runtime.LocalPipeline;
import dev.omniarchitect.runtime.FunctionServices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;

/**
 * ApiFunction as deployed (its JobSubmitter starting executions with {@link StepFunctionsExecutionStarter})
 * against a loopback Step Functions that refuses StartExecution as the service does, in its JSON 1.0
 * wire format: each refusal is 429 or 503 with Retry-After, no job is left QUEUED, and the client token
 * is free again, so a replay starts a fresh job.
 */
class StartExecutionRefusalTest {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:omni-refusals";

    private static volatile Reply reply;
    private static final List<String> started = new CopyOnWriteArrayList<>();
    private static HttpServer stepFunctions;
    private static LocalPipeline pipeline;
    private static SfnAsyncClient sfn;
    private static LocalApiServer api;

    private record Reply(int status, String type) {
    }

    @BeforeAll
    static void deployment() throws IOException {
        stepFunctions = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        stepFunctions.createContext("/", StartExecutionRefusalTest::answer);
        stepFunctions.start();
        pipeline = LocalPipeline.builder().environment(Map.of())
                .logOutput(new PrintStream(new ByteArrayOutputStream())).build();
        FunctionServices services = pipeline.services();
        sfn = SfnAsyncClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(URI.create("http://127.0.0.1:" + stepFunctions.getAddress().getPort()))
                .build();
        ApiHandler handler = new ApiHandler(services, new JobSubmitter(services.jobs(),
                new StepFunctionsExecutionStarter(sfn, STATE_MACHINE, services.mapper()), services.jobFiles(),
                new JobIds(Clock.systemUTC()), services.log(), Clock.systemUTC()),
                location -> java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("none")));
        LocalFunctions functions = new LocalFunctions(Map.of(LocalFunctions.API, handler), services.mapper(),
                new PrintStream(new ByteArrayOutputStream()), (function, event, result) -> { });
        api = LocalApiServer.start(functions, services.mapper(), 0);
    }

    @AfterAll
    static void stop() {
        api.close();
        sfn.close();
        pipeline.close();
        stepFunctions.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        JsonNode request = Json.mapper().readTree(exchange.getRequestBody());
        Reply now = reply;
        String body;
        if (now.status() == 200) {
            started.add(request.path("name").asText());
            body = "{\"executionArn\":\"" + STATE_MACHINE.replace(":stateMachine:", ":execution:") + ":"
                    + request.path("name").asText() + "\",\"startDate\":1764000000}";
        } else {
            body = "{\"__type\":\"" + now.type() + "\",\"message\":\"refused by the test\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(now.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aRefusedStartLeavesNoJobAndItsTokenStartsAFreshJobLater() throws Exception {
        String document = EngineApi.batch("d", 2, "deployed-refusal-1");
        expectRefusal(new Reply(400, "ExecutionLimitExceeded"), document, 429);
        expectRefusal(new Reply(400, "ThrottlingException"), document, 429);
        expectRefusal(new Reply(500, "InternalServerError"), document, 503);
        reply = new Reply(400, "AccessDeniedException");
        HttpResponse<String> denied = EngineApi.post(api.uri(), document);
        assertEquals(500, denied.statusCode(), denied.body());
        assertEquals(Set.of(), EngineApi.storedJobIds(pipeline), "a start that failed otherwise leaves nothing either");

        reply = new Reply(200, null);
        HttpResponse<String> replay = EngineApi.post(api.uri(), document);
        String jobId = EngineApi.jobIdOf(replay);
        assertTrue(replay.headers().firstValue("Idempotent-Replayed").isEmpty(), "a fresh job: " + replay.headers());
        assertEquals(List.of(jobId), started, "its execution was started, named after it");
        assertEquals(Set.of(jobId), EngineApi.storedJobIds(pipeline));
        HttpResponse<String> again = EngineApi.post(api.uri(), document);
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(jobId, EngineApi.jobIdOf(again));
    }

    private static void expectRefusal(Reply refusal, String document, int status) throws Exception {
        reply = refusal;
        HttpResponse<String> answer = EngineApi.post(api.uri(), document);
        assertEquals(status, answer.statusCode(), refusal + ": " + answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        assertTrue(Integer.parseInt(answer.headers().firstValue("Retry-After").orElse("0")) >= 1,
                answer.headers().map().toString());
        assertTrue(!answer.body().contains("Exception") && !answer.body().contains("refused by the test"),
                "neither a class name nor the service's wording: " + answer.body());
        assertEquals(Set.of(), EngineApi.storedJobIds(pipeline), refusal + " leaves no job record");
    }

}
