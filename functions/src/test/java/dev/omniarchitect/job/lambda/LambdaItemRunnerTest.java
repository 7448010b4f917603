package dev.omniarchitect.job.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omniarchitect.job.ItemOutcome;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.log.StructuredLog;
import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.testing.LoopbackHttpServer.Reply;
import dev.omniarchitect.testing.LoopbackHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

/** Sync items through a loopback server that speaks Lambda's Invoke API: an outcome, a function error, a throttle. */
class LambdaItemRunnerTest {

    private static final String FUNCTION = "arn:aws:lambda:eu-west-1:123456789012:function:omni-ProviderCall:live";
    private static final String OUTCOME = """
            {"itemId": "orders-dockerfile", "status": "SUCCEEDED", "cached": false, "provider": "blueprint",
             "model": "blueprint-v1", "durationMs": 41, "usage": {"inputTokens": 0, "outputTokens": 0},
             "costUsd": 0.0, "contentRef": "dynamodb://omni-jobs/job-1/result#orders-dockerfile"}
            """;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private LoopbackHttpServer lambdaService;
    private SdkAsyncHttpClient http;
    private LambdaItemRunner runner;

    @BeforeEach
    void start() {
        lambdaService = LoopbackHttpServer.start("/2015-03-31/functions/", request -> Reply.json(200, OUTCOME));
        http = AwsClients.nettyClient();
        LambdaAsyncClient lambda = LambdaAsyncClient.builder().httpClient(http)
                .endpointOverride(URI.create(lambdaService.origin()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        runner = new LambdaItemRunner(lambda, FUNCTION, Json.mapper(),
                new StructuredLog(new PrintStream(logs, true, StandardCharsets.UTF_8), Json.mapper(), Clock.systemUTC()),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        http.close();
        lambdaService.close();
    }

    @Test
    void anItemRunsThroughTheFunctionWithTheMapsEventAndTheCallsDeadline() {
        Instant notAfter = Instant.parse("2026-12-06T19:10:25Z");

        Optional<ItemOutcome> outcome = runner.run("job-1", "orders-dockerfile", notAfter).join();

        assertTrue(outcome.isPresent());
        assertEquals(ItemStatus.SUCCEEDED, outcome.get().status());
        assertTrue(outcome.get().stored());
        LoopbackHttpServer.Received invoke = lambdaService.received().get(0);
        assertEquals("POST", invoke.method());
        assertEquals("/2015-03-31/functions/" + FUNCTION + "/invocations",
                java.net.URLDecoder.decode(invoke.path(), StandardCharsets.UTF_8));
        assertEquals("RequestResponse", invoke.headers().get("x-amz-invocation-type"));
        assertEquals(Json.mapper().createObjectNode().put("jobId", "job-1").put("itemId", "orders-dockerfile")
                .put("notAfter", "2026-12-06T19:10:25Z"), invoke.body());
    }

    @Test
    void aThrottledItemIsLeftToTheExecutionNotFailed() {
        lambdaService.replies(request -> Reply.json(429, "{\"Reason\": \"ReservedFunctionConcurrentInvocationLimit"
                + "Exceeded\", \"Type\": \"User\", \"message\": \"Rate Exceeded.\"}")
                .withHeader("x-amzn-ErrorType", "TooManyRequestsException"));

        Optional<ItemOutcome> outcome = runner.run("job-1", "orders-dockerfile", Instant.now().plusSeconds(20)).join();

        assertFalse(outcome.isPresent(), "a full cap hands the item over");
        assertTrue(logs.toString(StandardCharsets.UTF_8).contains("\"sync.item_deferred\""));
        assertEquals(1, lambdaService.calls(), "no retry inside the call: the execution waits its turn");
    }

    @Test
    void aFunctionErrorEndsTheItemFailedWithoutQuotingTheError() {
        lambdaService.replies(request -> Reply.json(200, "{\"errorType\": \"java.lang.OutOfMemoryError\", "
                + "\"errorMessage\": \"Java heap space: prompt was hunter2\"}").withHeader("X-Amz-Function-Error",
                "Unhandled"));

        ItemOutcome outcome = runner.run("job-1", "orders-dockerfile", null).join().orElseThrow();

        assertEquals(ItemStatus.FAILED, outcome.status());
        assertEquals(ErrorCode.ITEM_EXECUTION_FAILED, outcome.error().code());
        assertFalse(outcome.stored());
        assertFalse(outcome.error().message().contains("hunter2"));
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains("hunter2"));
        assertFalse(lambdaService.received().get(0).body().has("notAfter"), "no deadline: the item's own holds");
    }
}
